package io.livepulse.stats;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * One selector thread of the event port and the connections it owns: it hands them what is readable
 * and writable, routes their request heads, keeps its streams' subscribers and closes connections at
 * their deadlines. Everything but {@link #subscribers}' keys and {@link #tasks} is touched only by
 * its own thread.
 */
final class EventLoop {

	// logged under the server's name, as before the server was split into its parts
	private static final Logger log = LoggerFactory.getLogger(EventStreamServer.class);
	private static final long REQUEST_DEADLINE_NANOS = 10_000_000_000L;
	private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

	private final BooleanSupplier running;
	private final ConnectionLimits limits;
	private final EventStreamAdmission admission;
	private final Duration subscriberTimeout;
	private final Selector selector;
	/** The subscribers of each stream; other threads read only its keys. */
	final Map<Long, Set<EventPortConnection>> subscribers = new ConcurrentHashMap<>();
	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
	/** Connections that are closed at their deadline: requests not yet complete, answers lingering. */
	private final Set<EventPortConnection> expiring = new HashSet<>();
	private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(EventPortConnection.MAX_REQUEST_BYTES);
	/** The listening channel, on the one loop that accepts; null on the others. */
	private EventPortListener listener;
	private long nextSweepNanos;
	private Thread thread;

	EventLoop(BooleanSupplier running, ConnectionLimits limits, EventStreamAdmission admission,
			Duration subscriberTimeout) throws IOException {
		this.running = running;
		this.limits = limits;
		this.admission = admission;
		this.subscriberTimeout = subscriberTimeout;
		this.selector = Selector.open();
	}

	/** Makes this the loop that accepts connections; before {@link #start}. */
	void listen(EventPortListener listener) throws IOException {
		listener.register(selector);
		this.listener = listener;
	}

	void start(String name) {
		thread = Thread.ofPlatform().name(name).daemon().start(this::run);
	}

	void stop() throws InterruptedException {
		selector.wakeup();
		thread.join(5000);
	}

	void forEachSubscriber(long streamId, Consumer<EventPortConnection> action) {
		Set<EventPortConnection> streamSubscribers = subscribers.get(streamId);
		if (streamSubscribers != null) {
			// a copy, because a failed write removes the connection from the set
			Arrays.stream(streamSubscribers.toArray(EventPortConnection[]::new)).forEach(action);
		}
	}

	/** Runs the task on this loop's thread; safe to call from any thread. */
	void submit(Runnable task) {
		tasks.add(task);
		selector.wakeup();
	}

	private void run() {
		nextSweepNanos = System.nanoTime() + SWEEP_INTERVAL_NANOS;
		while (running.getAsBoolean()) {
			try {
				selector.select(SWEEP_INTERVAL_NANOS / 1_000_000);
				for (Runnable task; (task = tasks.poll()) != null;) {
					task.run();
				}
				for (SelectionKey key : selector.selectedKeys()) {
					handle(key);
				}
				selector.selectedKeys().clear();
				long now = System.nanoTime();
				if (now - nextSweepNanos >= 0) {
					sweep(now);
					nextSweepNanos = now + SWEEP_INTERVAL_NANOS;
				}
			}
			catch (IOException | RuntimeException unexpected) {
				log.warn("Event port loop recovered from an error", unexpected);
			}
		}
		closeEverything();
	}

	private void handle(SelectionKey key) {
		if (!key.isValid()) {
			return;
		}
		if (key.isAcceptable()) {
			listener.acceptAll(this);
			return;
		}
		EventPortConnection connection = (EventPortConnection) key.attachment();
		if (key.isReadable()) {
			String head = connection.read(readBuffer);
			if (head != null) {
				expiring.remove(connection);
				route(connection, head);
			}
		}
		if (key.isValid() && key.isWritable()) {
			connection.flush();
		}
	}

	/** Takes on a channel accepted for this loop; on this loop's thread. */
	void adopt(SocketChannel channel) {
		EventPortConnection connection;
		try {
			InetAddress peer = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
			connection = new EventPortConnection(channel, peer, this, limits);
			connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
		}
		catch (IOException closed) {
			closeQuietly(channel);
			return;
		}
		if (!limits.hold()) {
			connection.request = null;
			connection.respond(HttpStatus.SERVICE_UNAVAILABLE, "/", "This event port is full; try again shortly.");
			return;
		}
		// a trusted proxy's connections count for the client it names, known once the head is read
		if (!limits.trusts(connection.peer) && !connection.countForClient(connection.peer)) {
			connection.request = null;
			return;
		}
		connection.deadlineNanos = System.nanoTime() + REQUEST_DEADLINE_NANOS;
		expiring.add(connection);
	}

	private void route(EventPortConnection connection, String head) {
		EventRequest request;
		try {
			request = EventRequest.parse(head, limits.forwardedForHeader());
		}
		catch (EventRequest.Refused refused) {
			connection.respond(refused.status(), "/", refused.getMessage());
			return;
		}
		if (connection.clientKey == null
				&& !connection.countForClient(limits.clientOf(connection.peer, request.forwardedFor()))) {
			return;
		}
		admission.answer(this, connection, request);
	}

	/** Subscribes the connection to the stream's events until the subscriber timeout (the browser then reconnects). */
	void subscribe(EventPortConnection connection, long streamId) {
		connection.streamId = streamId;
		connection.deadlineNanos = System.nanoTime() + subscriberTimeout.toNanos();
		subscribers.computeIfAbsent(streamId, id -> new HashSet<>()).add(connection);
	}

	/** Closes requests that never completed and subscriptions past their timeout (the browser reconnects). */
	private void sweep(long now) {
		if (listener != null) {
			listener.resumeIfRoom();
		}
		for (EventPortConnection waiting : expiring.toArray(EventPortConnection[]::new)) {
			if (now - waiting.deadlineNanos >= 0) {
				waiting.close();
			}
		}
		for (Set<EventPortConnection> streamSubscribers : subscribers.values()) {
			for (EventPortConnection subscriber : streamSubscribers.toArray(EventPortConnection[]::new)) {
				if (now - subscriber.deadlineNanos >= 0) {
					subscriber.close();
				}
			}
		}
	}

	/** Closes the connection at its deadline, unless it is closed before. */
	void expire(EventPortConnection connection) {
		expiring.add(connection);
	}

	/** Takes a connection that is being closed off this loop's lists. */
	void forget(EventPortConnection connection) {
		expiring.remove(connection);
		leaveStream(connection);
	}

	void leaveStream(EventPortConnection connection) {
		if (connection.streamId >= 0) {
			subscribers.computeIfPresent(connection.streamId, (id, streamSubscribers) -> {
				streamSubscribers.remove(connection);
				return streamSubscribers.isEmpty() ? null : streamSubscribers;
			});
			connection.streamId = -1;
		}
	}

	private void closeEverything() {
		for (SelectionKey key : selector.keys()) {
			if (key.attachment() instanceof EventPortConnection connection) {
				connection.close();
			}
		}
		subscribers.clear();
		try {
			selector.close();
		}
		catch (IOException ignored) {
			// shutting down
		}
	}

	static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ignored) {
			// closing is all we wanted
		}
	}
}
