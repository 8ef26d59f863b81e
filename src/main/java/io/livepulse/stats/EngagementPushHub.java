package io.livepulse.stats;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-Sent Events per stream. A tick builds each watched stream's payload once and writes the
 * same bytes to every subscriber, at most once per {@code minInterval} per stream. Subscribers
 * that vanish are dropped on their first failed write.
 */
@Component
class EngagementPushHub implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EngagementPushHub.class);

	private final StatsService stats;
	private final StreamService streams;
	private final JsonMapper json;
	private final PushProperties properties;
	private final Map<Long, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
	private final Map<Long, Long> lastBroadcastNanos = new ConcurrentHashMap<>();
	private volatile boolean running;

	EngagementPushHub(StatsService stats, StreamService streams, JsonMapper json, PushProperties properties) {
		this.stats = stats;
		this.streams = streams;
		this.json = json;
		this.properties = properties;
	}

	SseEmitter subscribe(Stream stream) {
		SseEmitter emitter = new SseEmitter(properties.subscriberTimeout().toMillis());
		if (stream.status() == io.livepulse.stream.StreamStatus.ENDED) {
			send(emitter, event("ended", stats.engagement(stream)));
			emitter.complete();
			return emitter;
		}
		Set<SseEmitter> streamSubscribers = subscribers.computeIfAbsent(stream.id(), id -> new CopyOnWriteArraySet<>());
		streamSubscribers.add(emitter);
		Runnable remove = () -> streamSubscribers.remove(emitter);
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError(error -> remove.run());
		return emitter;
	}

	int subscriberCount(long streamId) {
		Set<SseEmitter> streamSubscribers = subscribers.get(streamId);
		return streamSubscribers == null ? 0 : streamSubscribers.size();
	}

	@Scheduled(fixedDelay = 100)
	void broadcastDue() {
		long now = System.nanoTime();
		subscribers.forEach((streamId, streamSubscribers) -> {
			if (streamSubscribers.isEmpty()) {
				return;
			}
			Long last = lastBroadcastNanos.get(streamId);
			if (last != null && now - last < properties.minInterval().toNanos()) {
				return;
			}
			lastBroadcastNanos.put(streamId, now);
			streams.find(streamId).ifPresent(stream -> {
				Set<DataWithMediaType> payload = event("engagement", stats.engagement(stream));
				streamSubscribers.forEach(emitter -> {
					if (!send(emitter, payload)) {
						streamSubscribers.remove(emitter);
					}
				});
			});
		});
	}

	@EventListener
	void on(StreamEnded ended) {
		Set<SseEmitter> streamSubscribers = subscribers.remove(ended.streamId());
		lastBroadcastNanos.remove(ended.streamId());
		if (streamSubscribers == null) {
			return;
		}
		Set<DataWithMediaType> payload = event("ended", stats.engagement(ended.streamId()));
		for (SseEmitter emitter : streamSubscribers) {
			send(emitter, payload);
			emitter.complete();
		}
	}

	private Set<DataWithMediaType> event(String name, EngagementView view) {
		return SseEmitter.event().name(name).data(json.writeValueAsString(view), MediaType.TEXT_PLAIN).build();
	}

	private static boolean send(SseEmitter emitter, Set<DataWithMediaType> payload) {
		try {
			emitter.send(payload);
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
		subscribers.values().forEach(streamSubscribers -> streamSubscribers.forEach(SseEmitter::complete));
		subscribers.clear();
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
