package io.livepulse.push;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.CappedCounts;
import io.livepulse.shared.ClientAddress;
import io.livepulse.shared.WebConnection;
import io.livepulse.shopping.ShowcaseService;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamStatus;

/**
 * Event streams served by the web server itself (same origin as the pages, behind whatever proxy
 * fronts the API). Each subscriber is written on a virtual thread of its own, so that one slow socket
 * cannot hold up anyone else, nor the scheduler. Each subscriber gets every event in order
 * ({@link SubscriberQueue}); one that vanishes is dropped on its first failed write, one that falls
 * too far behind is let go.
 */
@Component
class ServletEventStreams implements PushAudience, SmartLifecycle {

	private static final byte[] OPENING_COMMENT = ":\n\n".getBytes(StandardCharsets.US_ASCII);
	private static final long RETRY_AFTER_SECONDS = 5;

	private final StatsService stats;
	private final EngagementEvents events;
	private final PushProperties properties;
	private final EndedStreams endedStreams;
	private final ShowcaseService showcases;
	private final Map<Long, Set<ServletSubscriber>> subscribers = new ConcurrentHashMap<>();
	private final CappedCounts perClient = new CappedCounts();
	/** Replaced at each start: a stopped context (the test framework pauses idle ones) may start again. */
	private volatile ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
	private volatile boolean running;

	ServletEventStreams(StatsService stats, EngagementEvents events, PushProperties properties,
			EndedStreams endedStreams, ShowcaseService showcases) {
		this.stats = stats;
		this.showcases = showcases;
		this.events = events;
		this.properties = properties;
		this.endedStreams = endedStreams;
	}

	/**
	 * @param connection the subscriber's connection: its send buffer is kept small, and it is aborted when let go for falling behind
	 * @param client the client's counting key ({@link ClientAddress#keyOf}); it (and its IPv6 /48, eight times as many)
	 *        holds at most as many event streams as on the event port, since behind a proxy nothing else limits them
	 */
	ServletSubscriber subscribe(Stream stream, Optional<WebConnection> connection, String client) {
		connection.ifPresent(open -> open.limitSendBuffer((int) properties.subscriberSendBuffer().toBytes()));
		ServletSubscriber emitter = new ServletSubscriber(properties.subscriberTimeout().toMillis(),
				() -> connection.ifPresent(WebConnection::abort));
		if (!running) {
			// stopping: a page that reconnects now is closed at once and tries again after the restart
			emitter.complete();
			return emitter;
		}
		if (stream.status() == StreamStatus.ENDED) {
			emitter.write(events.ended(stats.engagement(stream)));
			emitter.complete();
			return emitter;
		}
		String network = ClientAddress.networkOf(client);
		if (!perClient.tryAcquire(client, network, properties.maxEventConnectionsPerAddress())) {
			throw ApiProblem.serviceUnavailable("Too many event streams are open from your address; close some and try again.")
				.retryAfter(RETRY_AFTER_SECONDS);
		}
		AtomicBoolean released = new AtomicBoolean();
		Runnable release = () -> {
			if (released.compareAndSet(false, true)) {
				perClient.release(client, network);
			}
		};
		try {
			return admit(stream, emitter, release);
		}
		catch (RuntimeException failed) {
			release.run(); // the pin's look-up failed (say, the database is unreachable): the place is not kept
			throw failed;
		}
	}

	private ServletSubscriber admit(Stream stream, ServletSubscriber emitter, Runnable release) {
		// a comment, which clients ignore, so the response's head goes out now and not with the first event
		emitter.write(OPENING_COMMENT);
		// the pinned product at once, so a late subscriber need not wait for its repeat
		showcases.pinned(stream.id()).ifPresent(card -> emitter.write(events.product(stream.id(), card)));
		Set<ServletSubscriber> streamSubscribers = subscribers.computeIfAbsent(stream.id(), id -> ConcurrentHashMap.newKeySet());
		streamSubscribers.add(emitter);
		Runnable remove = () -> {
			streamSubscribers.remove(emitter);
			release.run();
		};
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError(error -> remove.run());
		byte[] endedMeanwhile = endedStreams.lastEvent(stream.id());
		if (endedMeanwhile != null) {
			emitter.queue.enqueueLast(endedMeanwhile);
			emitter.queue.drain();
		}
		return emitter;
	}

	@Override
	public int size(long streamId) {
		return subscribers.getOrDefault(streamId, Set.of()).size();
	}

	@Override
	public Set<Long> watchedStreams() {
		Set<Long> watched = new HashSet<>();
		subscribers.forEach((streamId, streamSubscribers) -> {
			if (!streamSubscribers.isEmpty()) {
				watched.add(streamId);
			}
		});
		return watched;
	}

	@Override
	public void publish(long streamId, byte[] event) {
		Set<ServletSubscriber> streamSubscribers = subscribers.get(streamId);
		if (streamSubscribers == null) {
			return;
		}
		List<ServletSubscriber> all = List.copyOf(streamSubscribers);
		// queued here, one publisher at a time per stream, so every subscriber gets the same order
		synchronized (streamSubscribers) {
			all.forEach(emitter -> {
				if (!emitter.queue.enqueue(event)) {
					streamSubscribers.remove(emitter);
				}
			});
		}
		drainEach(all, streamSubscribers);
	}

	@Override
	public void end(long streamId, byte[] endedEvent) {
		Set<ServletSubscriber> streamSubscribers = subscribers.remove(streamId);
		if (streamSubscribers == null) {
			return;
		}
		List<ServletSubscriber> all = List.copyOf(streamSubscribers);
		synchronized (streamSubscribers) {
			all.forEach(emitter -> emitter.queue.enqueueLast(endedEvent));
		}
		drainEach(all, streamSubscribers);
	}

	/**
	 * Writes to each subscriber on a virtual thread of its own, so a socket that stopped draining holds up
	 * nobody else: a blocked write to a subscriber that stopped reading lasts until it is reset or times
	 * out, and writing subscribers in turn, a slice at a time, let one such reader delay everyone after it in
	 * the slice (RELIABILITY.md, slow readers). One that is being written to is skipped: its writer takes
	 * what was queued.
	 */
	private void drainEach(List<ServletSubscriber> all, Set<ServletSubscriber> streamSubscribers) {
		for (ServletSubscriber emitter : all) {
			if (emitter.queue.busy()) {
				continue;
			}
			try {
				writers.submit(() -> {
					if (!emitter.queue.drain()) {
						streamSubscribers.remove(emitter);
					}
				});
			}
			catch (RejectedExecutionException stopped) {
				emitter.queue.letGo();
				streamSubscribers.remove(emitter);
			}
		}
	}

	@Override
	public void start() {
		if (writers.isShutdown()) {
			writers = Executors.newVirtualThreadPerTaskExecutor();
		}
		running = true;
	}

	/** Closes every subscription first, so a graceful shutdown does not wait for long-lived event streams. */
	@Override
	public void stop() {
		running = false;
		subscribers.values().forEach(streamSubscribers -> streamSubscribers.forEach(emitter -> emitter.queue.letGo()));
		subscribers.clear();
		writers.shutdown();
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
