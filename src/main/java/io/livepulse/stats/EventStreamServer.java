package io.livepulse.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.livepulse.stream.StreamService;

/**
 * The dedicated event-stream port: {@code GET /api/streams/{id}/events} served by a few selector
 * threads over plain NIO, outside the servlet container (each owns a share of the connections). A subscriber costs a socket channel, its
 * selection key and a few fields, not a servlet request with its buffers, and a broadcast writes one
 * shared direct buffer to every channel. Writes never block: a subscriber whose socket is full keeps
 * only the newest event behind the one being written (events are snapshots, so older ones lose
 * nothing). Only this endpoint is served here; the responses allow any origin because the events
 * are public, and rehearsals are answered as unknown streams. Connections are capped in all and per
 * client ({@link ConnectionLimits}). See ADR 0009.
 * <p>
 * This class starts and stops the port and fans events out to its loops; the parts are
 * {@link EventLoop} (a selector thread and its connections), {@link EventPortListener} (accepting),
 * {@link EventPortConnection} (one connection's reads, writes and closing), {@link EventStreamAdmission}
 * (what a request gets, after its stream is looked up) and {@link EventPortResponses} (the bytes answered).
 */
@Component
class EventStreamServer implements PushAudience, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventStreamServer.class);

	private final PushProperties properties;
	private final Environment environment;
	private final EventStreamAdmission admission;
	private volatile ConnectionLimits limits;
	private volatile List<EventLoop> loops = List.of();

	private volatile ServerSocketChannel server;
	private volatile boolean running;

	EventStreamServer(StreamService streams, StatsService stats, EngagementEvents events, PushProperties properties,
			EndedStreams endedStreams, Environment environment) {
		this.properties = properties;
		this.environment = environment;
		this.admission = new EventStreamAdmission(streams, stats, events, endedStreams);
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
		ByteBuffer frame = EventPortResponses.direct(event);
		for (EventLoop loop : current) {
			if (loop.subscribers.containsKey(streamId)) {
				loop.submit(() -> loop.forEachSubscriber(streamId, connection -> connection.offer(frame, false)));
			}
		}
	}

	/**
	 * Sent through every loop, subscribers or not: the task runs after any admission that loop is
	 * doing, and an admission that runs later finds the event in {@link EndedStreams}.
	 */
	@Override
	public void end(long streamId, byte[] endedEvent) {
		ByteBuffer frame = EventPortResponses.direct(endedEvent);
		for (EventLoop loop : loops) {
			loop.submit(() -> loop.forEachSubscriber(streamId, connection -> connection.offer(frame, true)));
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

	// ------------------------------------------------------------------ lifecycle

	@Override
	public void start() {
		if (properties.nioEventPort() < 0) {
			return;
		}
		limits = ConnectionLimits.of(properties, environment);
		List<EventLoop> created = new ArrayList<>();
		try {
			for (int i = 0; i < Math.max(1, properties.eventThreads()); i++) {
				created.add(new EventLoop(this::isRunning, limits, admission, properties.subscriberTimeout()));
			}
			server = ServerSocketChannel.open();
			server.bind(new InetSocketAddress(properties.eventAddress(), properties.nioEventPort()), 1024);
			server.configureBlocking(false);
			created.getFirst().listen(new EventPortListener(server, limits, () -> loops));
		}
		catch (IOException failed) {
			throw new UncheckedIOException("Cannot listen on event port " + properties.nioEventPort()
					+ " (set livepulse.push.nio-event-port to another port, or -1 to serve events from the web server only)",
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
		admission.shutdown();
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
