package io.livepulse.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import io.livepulse.shopping.ShowcaseService;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamStatus;

/**
 * Event streams served by the web server itself (same origin as the pages, behind whatever proxy
 * fronts the API). Large audiences are written in parallel slices on virtual threads so that one
 * slow socket cannot hold up everyone, nor the scheduler. Subscribers that vanish are dropped on
 * their first failed write.
 */
@Component
class ServletEventStreams implements PushAudience, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ServletEventStreams.class);
	private static final MediaType EVENT_STREAM = MediaType.TEXT_EVENT_STREAM;
	private static final int SLICE = 500;

	/** An event stream whose events are written as pre-encoded bytes. */
	static final class EventStream extends ResponseBodyEmitter {

		/** A write still under way: the next event skips this subscriber rather than queue behind it. */
		final AtomicBoolean writing = new AtomicBoolean();
		/** Set by whoever sends the stream's last event, so it is sent once. */
		final AtomicBoolean ended = new AtomicBoolean();

		EventStream(long timeoutMillis) {
			super(timeoutMillis);
		}

		@Override
		protected void extendResponse(ServerHttpResponse outputMessage) {
			super.extendResponse(outputMessage);
			outputMessage.getHeaders().setContentType(EVENT_STREAM);
		}
	}

	private static final byte[] OPENING_COMMENT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

	private final StatsService stats;
	private final EngagementEvents events;
	private final PushProperties properties;
	private final EndedStreams endedStreams;
	private final ShowcaseService showcases;
	private final Map<Long, Set<EventStream>> subscribers = new ConcurrentHashMap<>();
	private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
	private volatile boolean running;

	ServletEventStreams(StatsService stats, EngagementEvents events, PushProperties properties,
			EndedStreams endedStreams, ShowcaseService showcases) {
		this.stats = stats;
		this.showcases = showcases;
		this.events = events;
		this.properties = properties;
		this.endedStreams = endedStreams;
	}

	EventStream subscribe(Stream stream) {
		EventStream emitter = new EventStream(properties.subscriberTimeout().toMillis());
		if (stream.status() == StreamStatus.ENDED) {
			send(emitter, events.ended(stats.engagement(stream)));
			emitter.complete();
			return emitter;
		}
		// a comment, which clients ignore, so the response's head goes out now and not with the first event
		send(emitter, OPENING_COMMENT);
		// the pinned product at once, so a late subscriber need not wait for its repeat
		showcases.pinned(stream.id()).ifPresent(card -> send(emitter, events.product(stream.id(), card)));
		Set<EventStream> streamSubscribers = subscribers.computeIfAbsent(stream.id(), id -> ConcurrentHashMap.newKeySet());
		streamSubscribers.add(emitter);
		Runnable remove = () -> streamSubscribers.remove(emitter);
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError(error -> remove.run());
		byte[] endedMeanwhile = endedStreams.lastEvent(stream.id());
		if (endedMeanwhile != null) {
			finish(emitter, endedMeanwhile);
		}
		return emitter;
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
		Set<EventStream> streamSubscribers = subscribers.get(streamId);
		if (streamSubscribers == null) {
			return;
		}
		List<EventStream> all = List.copyOf(streamSubscribers);
		for (int from = 0; from < all.size(); from += SLICE) {
			List<EventStream> slice = all.subList(from, Math.min(all.size(), from + SLICE));
			writers.submit(() -> {
				for (EventStream emitter : slice) {
					if (!emitter.writing.compareAndSet(false, true)) {
						continue; // still writing an earlier event: it gets the next one instead
					}
					try {
						if (!send(emitter, event)) {
							streamSubscribers.remove(emitter);
						}
					}
					finally {
						emitter.writing.set(false);
					}
				}
			});
		}
	}

	@Override
	public void end(long streamId, byte[] endedEvent) {
		Set<EventStream> streamSubscribers = subscribers.remove(streamId);
		if (streamSubscribers == null) {
			return;
		}
		writers.submit(() -> streamSubscribers.forEach(emitter -> finish(emitter, endedEvent)));
	}

	private static void finish(EventStream emitter, byte[] endedEvent) {
		if (emitter.ended.compareAndSet(false, true)) {
			send(emitter, endedEvent);
			emitter.complete();
		}
	}

	private static boolean send(EventStream emitter, byte[] event) {
		try {
			emitter.send(event, EVENT_STREAM);
			return true;
		}
		catch (IOException | IllegalStateException gone) {
			log.debug("Dropping an SSE subscriber that went away: {}", gone.getMessage());
			emitter.completeWithError(gone);
			return false;
		}
	}

	@Override
	public void start() {
		running = true;
	}

	/** Closes every subscription first, so a graceful shutdown does not wait for long-lived event streams. */
	@Override
	public void stop() {
		running = false;
		subscribers.values().forEach(streamSubscribers -> streamSubscribers.forEach(ResponseBodyEmitter::complete));
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
