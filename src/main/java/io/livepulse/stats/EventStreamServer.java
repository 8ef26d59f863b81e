package io.livepulse.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;
import io.livepulse.shared.ProblemWriter;

/**
 * The dedicated event-stream port: {@code GET /api/streams/{id}/events} served by a few selector
 * threads over plain NIO, outside the servlet container (each owns a share of the connections). A subscriber costs a socket channel, its
 * selection key and a few fields, not a servlet request with its buffers, and a broadcast writes one
 * shared direct buffer to every channel. Writes never block: a subscriber whose socket is full keeps
 * only the newest event behind the one being written (events are snapshots, so older ones lose
 * nothing). Only this endpoint is served here; the responses allow any origin because the events
 * are public, and rehearsals are answered as unknown streams. Connections are capped in all and per
 * client ({@link ConnectionLimits}). See ADR 0009.
 */
@Component
class EventStreamServer implements PushAudience, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventStreamServer.class);
	private static final int MAX_REQUEST_BYTES = 8192;
	private static final long REQUEST_DEADLINE_NANOS = 10_000_000_000L;
	private static final long LINGER_NANOS = 2_000_000_000L;
	private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;
	private static final ByteBuffer EVENT_STREAM_HEAD = direct("""
			HTTP/1.1 200 OK\r
			Content-Type: text/event-stream\r
			Cache-Control: no-store\r
			X-Accel-Buffering: no\r
			Access-Control-Allow-Origin: *\r
			Connection: close\r
			\r
			""".getBytes(StandardCharsets.US_ASCII));

	private final StreamService streams;
	private final StatsService stats;
	private final EngagementEvents events;
	private final PushProperties properties;
	private final EndedStreams endedStreams;
	private final Environment environment;
	private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
	/** Lookups of new subscribers' streams in flight at once, so a flood of them cannot drain the pool. */
	private final Semaphore lookupPermits = new Semaphore(8);
	private volatile ConnectionLimits limits;
	private volatile List<EventLoop> loops = List.of();
	private int nextLoop; // only the first loop's thread deals connections

	private volatile ServerSocketChannel server;
	private volatile boolean running;

	/** One client connection; while it waits for its request it keeps the bytes read so far. */
	private static final class Connection {

		final SocketChannel channel;
		final InetAddress peer;
		/** What this connection counts against in {@link ConnectionLimits}; null until known. */
		String clientKey;
		SelectionKey key;
		byte[] request = new byte[0];
		long streamId = -1;
		long deadlineNanos;
		ByteBuffer writing;
		ByteBuffer next;
		boolean closeWhenWritten;

		Connection(SocketChannel channel, InetAddress peer) {
			this.channel = channel;
			this.peer = peer;
		}
	}

	EventStreamServer(StreamService streams, StatsService stats, EngagementEvents events, PushProperties properties,
			EndedStreams endedStreams, Environment environment) {
		this.streams = streams;
		this.stats = stats;
		this.events = events;
		this.properties = properties;
		this.endedStreams = endedStreams;
		this.environment = environment;
	}

	/** The caps in force since the port started, or null before. */
	ConnectionLimits limits() {
		return limits;
	}

	/** The port actually listened on (useful with port 0), or empty when the event port is off. */
	Optional<Integer> port() {
		ServerSocketChannel listening = server;
		if (listening == null || !listening.isOpen()) {
			return Optional.empty();
		}
		try {
			return Optional.of(((InetSocketAddress) listening.getLocalAddress()).getPort());
		}
		catch (IOException closed) {
			return Optional.empty();
		}
	}

	@Override
	public Set<Long> watchedStreams() {
		Set<Long> watched = new HashSet<>();
		loops.forEach(loop -> watched.addAll(loop.subscribers.keySet()));
		return watched;
	}

	@Override
	public void publish(long streamId, byte[] event) {
		List<EventLoop> current = loops;
		if (current.stream().noneMatch(loop -> loop.subscribers.containsKey(streamId))) {
			return;
		}
		ByteBuffer frame = direct(event);
		for (EventLoop loop : current) {
			if (loop.subscribers.containsKey(streamId)) {
				loop.submit(() -> loop.forEachSubscriber(streamId, connection -> loop.offer(connection, frame, false)));
			}
		}
	}

	/**
	 * Sent through every loop, subscribers or not: the task runs after any admission that loop is
	 * doing, and an admission that runs later finds the event in {@link EndedStreams}.
	 */
	@Override
	public void end(long streamId, byte[] endedEvent) {
		ByteBuffer frame = direct(endedEvent);
		for (EventLoop loop : loops) {
			loop.submit(() -> loop.forEachSubscriber(streamId, connection -> loop.offer(connection, frame, true)));
		}
	}

	/** How many subscribers the stream has on this port, counted on the selector threads. */
	int subscriberCount(long streamId) {
		int count = 0;
		for (EventLoop loop : loops) {
			CompletableFuture<Integer> here = new CompletableFuture<>();
			loop.submit(() -> here.complete(loop.subscribers.getOrDefault(streamId, Set.of()).size()));
			count += here.orTimeout(5, TimeUnit.SECONDS).join();
		}
		return count;
	}

	/**
	 * One selector thread and the connections it owns. Everything but {@link #subscribers}' keys
	 * and {@link #tasks} is touched only by its own thread.
	 */
	private final class EventLoop {

		private final Selector selector;
		private final Map<Long, Set<Connection>> subscribers = new ConcurrentHashMap<>();
		private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
		/** Connections that are closed at their deadline: requests not yet complete, answers lingering. */
		private final Set<Connection> expiring = new HashSet<>();
		private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(MAX_REQUEST_BYTES);
		private long nextSweepNanos;
		private boolean acceptPaused;
		private Thread thread;

		EventLoop() throws IOException {
			this.selector = Selector.open();
		}

		void start(String name) {
			thread = Thread.ofPlatform().name(name).daemon().start(this::run);
		}

		void stop() throws InterruptedException {
			selector.wakeup();
			thread.join(5000);
		}

		private void forEachSubscriber(long streamId, Consumer<Connection> action) {
			Set<Connection> streamSubscribers = subscribers.get(streamId);
			if (streamSubscribers != null) {
				// a copy, because a failed write removes the connection from the set
				Arrays.stream(streamSubscribers.toArray(Connection[]::new)).forEach(action);
			}
		}

		private void submit(Runnable task) {
			tasks.add(task);
			selector.wakeup();
		}

		private void run() {
			nextSweepNanos = System.nanoTime() + SWEEP_INTERVAL_NANOS;
			while (running) {
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
				acceptAll(key);
				return;
			}
			Connection connection = (Connection) key.attachment();
			if (key.isReadable()) {
				read(connection);
			}
			if (key.isValid() && key.isWritable()) {
				flush(connection);
			}
		}

		/** Only the first loop listens; accepted channels are dealt to the loops in turn. */
		private void acceptAll(SelectionKey serverKey) {
			while (true) {
				if (limits.full()) {
					// refusals linger too: past this many, new clients wait in the backlog instead of taking descriptors
					pauseAccepting(serverKey);
					return;
				}
				SocketChannel channel;
				try {
					channel = server.accept();
				}
				catch (IOException failed) {
					// typically out of file descriptors: stop asking until the next sweep instead of spinning
					log.warn("Accepting on the event port failed; pausing for a second: {}", failed.getMessage());
					pauseAccepting(serverKey);
					return;
				}
				if (channel == null) {
					return;
				}
				try {
					channel.configureBlocking(false);
					channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				}
				catch (IOException broken) {
					closeQuietly(channel);
					continue;
				}
				List<EventLoop> current = loops;
				if (current.isEmpty()) {
					closeQuietly(channel); // stopping
					continue;
				}
				EventLoop owner = current.get(nextLoop++ % current.size());
				if (owner == this) {
					adopt(channel);
				}
				else {
					owner.submit(() -> owner.adopt(channel));
				}
			}
		}

		private void pauseAccepting(SelectionKey serverKey) {
			serverKey.interestOps(0);
			acceptPaused = true;
		}

		private void adopt(SocketChannel channel) {
			Connection connection;
			try {
				connection = new Connection(channel, ((InetSocketAddress) channel.getRemoteAddress()).getAddress());
				connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
			}
			catch (IOException closed) {
				closeQuietly(channel);
				return;
			}
			if (!limits.hold()) {
				connection.request = null;
				respond(connection, HttpStatus.SERVICE_UNAVAILABLE, "/", "This event port is full; try again shortly.");
				return;
			}
			// a trusted proxy's connections count for the client it names, known once the head is read
			if (!limits.trusts(connection.peer) && !countForClient(connection, connection.peer)) {
				connection.request = null;
				return;
			}
			connection.deadlineNanos = System.nanoTime() + REQUEST_DEADLINE_NANOS;
			expiring.add(connection);
		}

		private void read(Connection connection) {
			readBuffer.clear();
			int read;
			try {
				read = connection.channel.read(readBuffer);
			}
			catch (IOException gone) {
				close(connection);
				return;
			}
			if (read < 0) {
				close(connection);
				return;
			}
			if (connection.request == null) {
				return; // request already taken; anything more a client sends is ignored
			}
			readBuffer.flip();
			int had = connection.request.length;
			if (had + read > MAX_REQUEST_BYTES) {
				connection.request = null;
				respond(connection, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "/", "The request head is too large.");
				return;
			}
			connection.request = Arrays.copyOf(connection.request, had + read);
			readBuffer.get(connection.request, had, read);
			int end = EventRequest.endOfHead(connection.request, connection.request.length, had - 2);
			if (end >= 0) {
				String head = new String(connection.request, 0, end, StandardCharsets.ISO_8859_1);
				connection.request = null;
				expiring.remove(connection);
				route(connection, head);
			}
		}

		/** Counts the connection for its client, or answers 503 when that client has its fill. */
		private boolean countForClient(Connection connection, InetAddress client) {
			connection.clientKey = limits.acquire(client);
			if (connection.clientKey == null) {
				respond(connection, HttpStatus.SERVICE_UNAVAILABLE, "/",
						"Too many event streams are open from your address; close some and try again.");
				return false;
			}
			return true;
		}

		private void route(Connection connection, String head) {
			EventRequest request;
			try {
				request = EventRequest.parse(head, limits.forwardedForHeader());
			}
			catch (EventRequest.Refused refused) {
				respond(connection, refused.status(), "/", refused.getMessage());
				return;
			}
			if (connection.clientKey == null
					&& !countForClient(connection, limits.clientOf(connection.peer, request.forwardedFor()))) {
				return;
			}
			String method = request.method();
			String path = request.path();
			if (!request.isEventsPath()) {
				respond(connection, HttpStatus.NOT_FOUND, path,
						"This port serves only event streams, at /api/streams/{id}/events.");
				return;
			}
			if (method.equals("OPTIONS")) {
				write(connection, """
						HTTP/1.1 204 No Content\r
						Access-Control-Allow-Origin: *\r
						Access-Control-Allow-Methods: GET\r
						Access-Control-Allow-Headers: Last-Event-ID, Cache-Control\r
						Access-Control-Max-Age: 600\r
						Connection: close\r
						\r
						""");
				return;
			}
			if (!method.equals("GET")) {
				respond(connection, HttpStatus.METHOD_NOT_ALLOWED, path, "Event streams are read with GET.");
				return;
			}
			long streamId = request.streamId();
			if (streamId < 0) {
				respond(connection, HttpStatus.BAD_REQUEST, path,
						"The value given for 'id' is not a stream id: stream ids are 1 to 18 digits.");
				return;
			}
			// the lookup may reach the database, so it runs off the selector thread, a few at a time
			lookups.execute(() -> {
				try {
					lookupPermits.acquire();
				}
				catch (InterruptedException stopping) {
					Thread.currentThread().interrupt();
					return;
				}
				try {
					// a rehearsal is its owner's and admins', and this port knows no one: it is answered as unknown
					Optional<Stream> stream = streams.find(streamId).filter(Stream::isPublic);
					byte[] endedEvent = stream.filter(found -> found.status() == StreamStatus.ENDED)
						.map(found -> events.ended(stats.engagement(found)))
						.orElse(null);
					submit(() -> admit(connection, path, stream.isPresent(), streamId, endedEvent));
				}
				catch (RuntimeException failed) {
					log.warn("Looking up stream {} for an event stream failed", streamId, failed);
					submit(() -> respond(connection, HttpStatus.SERVICE_UNAVAILABLE, path,
							"The stream could not be looked up just now; try again shortly."));
				}
				finally {
					lookupPermits.release();
				}
			});
		}

		private void admit(Connection connection, String path, boolean exists, long streamId, byte[] endedEvent) {
			if (!connection.channel.isOpen()) {
				return;
			}
			if (!exists) {
				respond(connection, HttpStatus.NOT_FOUND, path, "Stream %d does not exist.".formatted(streamId));
				return;
			}
			byte[] lastEvent = endedEvent != null ? endedEvent : endedStreams.lastEvent(streamId);
			ByteBuffer ended = lastEvent == null ? null : direct(lastEvent);
			offer(connection, EVENT_STREAM_HEAD, false);
			if (!connection.channel.isOpen()) {
				return; // the client left before its answer could be written
			}
			if (ended != null) {
				offer(connection, ended, true);
				return;
			}
			connection.streamId = streamId;
			connection.deadlineNanos = System.nanoTime() + properties.subscriberTimeout().toNanos();
			subscribers.computeIfAbsent(streamId, id -> new HashSet<>()).add(connection);
		}

		/**
		 * Queues a frame behind the one being written. A newer event replaces a queued one that has not
		 * started, so a slow subscriber always gets the latest figures and never a growing backlog.
		 */
		private void offer(Connection connection, ByteBuffer frame, boolean last) {
			if (connection.closeWhenWritten) {
				return;
			}
			connection.closeWhenWritten = last;
			if (connection.writing == null) {
				connection.writing = frame.duplicate();
				flush(connection);
			}
			else {
				connection.next = frame.duplicate();
			}
		}

		private void flush(Connection connection) {
			try {
				while (connection.writing != null) {
					connection.channel.write(connection.writing);
					if (connection.writing.hasRemaining()) {
						connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
						return;
					}
					connection.writing = connection.next;
					connection.next = null;
				}
				if (connection.closeWhenWritten) {
					lingerThenClose(connection);
				}
				else if (connection.key.interestOps() != SelectionKey.OP_READ) {
					connection.key.interestOps(SelectionKey.OP_READ);
				}
			}
			catch (IOException gone) {
				close(connection);
			}
		}

		private void write(Connection connection, String response) {
			offer(connection, ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8)), true);
		}

		private void respond(Connection connection, HttpStatus status, String path, String detail) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
			problem.setTitle(status.getReasonPhrase());
			byte[] body = ProblemWriter.bytes(problem, path.matches("[A-Za-z0-9/_.~-]*") ? path : "/");
			String head = "HTTP/1.1 %d %s\r\nContent-Type: application/problem+json\r\nContent-Length: %d\r\n"
				.formatted(status.value(), status.getReasonPhrase(), body.length)
					+ (status == HttpStatus.METHOD_NOT_ALLOWED ? "Allow: GET, OPTIONS\r\n" : "")
					+ (status == HttpStatus.SERVICE_UNAVAILABLE ? "Retry-After: 5\r\n" : "")
					+ "Access-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n";
			byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
			ByteBuffer response = ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip();
			offer(connection, response, true);
		}

		/** Closes requests that never completed and subscriptions past their timeout (the browser reconnects). */
		private void sweep(long now) {
			if (acceptPaused && server.isOpen() && !limits.full()) {
				server.keyFor(selector).interestOps(SelectionKey.OP_ACCEPT);
				acceptPaused = false;
			}
			for (Connection waiting : expiring.toArray(Connection[]::new)) {
				if (now - waiting.deadlineNanos >= 0) {
					close(waiting);
				}
			}
			for (Set<Connection> streamSubscribers : subscribers.values()) {
				for (Connection subscriber : streamSubscribers.toArray(Connection[]::new)) {
					if (now - subscriber.deadlineNanos >= 0) {
						close(subscriber);
					}
				}
			}
		}

		/**
		 * Half-closes after the last byte and waits briefly for the client to close its side, so that
		 * request bytes the server did not read do not turn into a reset that loses the answer.
		 */
		private void lingerThenClose(Connection connection) {
			leaveStream(connection);
			connection.request = null;
			try {
				connection.channel.shutdownOutput();
				connection.key.interestOps(SelectionKey.OP_READ);
			}
			catch (IOException gone) {
				close(connection);
				return;
			}
			connection.deadlineNanos = System.nanoTime() + LINGER_NANOS;
			expiring.add(connection);
		}

		private void leaveStream(Connection connection) {
			if (connection.streamId >= 0) {
				subscribers.computeIfPresent(connection.streamId, (id, streamSubscribers) -> {
					streamSubscribers.remove(connection);
					return streamSubscribers.isEmpty() ? null : streamSubscribers;
				});
				connection.streamId = -1;
			}
		}

		private void close(Connection connection) {
			expiring.remove(connection);
			leaveStream(connection);
			if (!connection.channel.isOpen()) {
				return;
			}
			connection.key.cancel();
			try {
				connection.channel.close();
			}
			catch (IOException ignored) {
				// closing is all we wanted
			}
			limits.unhold();
			if (connection.clientKey != null) {
				limits.release(connection.clientKey);
				connection.clientKey = null;
			}
		}

		private void closeEverything() {
			for (SelectionKey key : selector.keys()) {
				if (key.attachment() instanceof Connection connection) {
					close(connection);
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
	}

	private static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ignored) {
			// closing is all we wanted
		}
	}

	private static ByteBuffer direct(byte[] bytes) {
		return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
	}

	// ------------------------------------------------------------------ lifecycle

	@Override
	public void start() {
		if (properties.eventPort() < 0) {
			return;
		}
		limits = ConnectionLimits.of(properties, environment);
		List<EventLoop> created = new ArrayList<>();
		try {
			for (int i = 0; i < Math.max(1, properties.eventThreads()); i++) {
				created.add(new EventLoop());
			}
			server = ServerSocketChannel.open();
			server.bind(new InetSocketAddress(properties.eventAddress(), properties.eventPort()), 1024);
			server.configureBlocking(false);
			server.register(created.getFirst().selector, SelectionKey.OP_ACCEPT);
		}
		catch (IOException failed) {
			throw new UncheckedIOException("Cannot listen on event port " + properties.eventPort()
					+ " (set livepulse.push.event-port to another port, or -1 to serve events from the web server only)",
					failed);
		}
		loops = List.copyOf(created);
		running = true;
		for (int i = 0; i < loops.size(); i++) {
			loops.get(i).start("livepulse-events-" + i);
		}
		log.info("Event streams served on port {} by {} threads; at most {} connections at once ({} configured, "
				+ "descriptor limit {}) and {} per client address", port().orElseThrow(), loops.size(),
				limits.maxConnections(), properties.maxEventConnections(), limits.caps().fdLimit(), limits.maxPerAddress());
	}

	@Override
	public void stop() {
		if (!running) {
			return;
		}
		running = false;
		List<EventLoop> stopping = loops;
		loops = List.of();
		try {
			server.close();
			for (EventLoop loop : stopping) {
				loop.stop();
			}
		}
		catch (IOException | InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		lookups.shutdown();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}
}
