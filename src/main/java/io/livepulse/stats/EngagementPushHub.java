package io.livepulse.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-Sent Events per stream. A tick encodes each watched stream's event once, as the final
 * bytes on the wire, and writes the same bytes to every subscriber, at most once per
 * {@code minInterval} per stream. Large audiences are written in parallel slices on virtual
 * threads so that one slow socket cannot hold up everyone, nor the scheduler. Subscribers that vanish are dropped on
 * their first failed write.
 */
@Component
class EngagementPushHub implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EngagementPushHub.class);
	private static final MediaType EVENT_STREAM = MediaType.TEXT_EVENT_STREAM;
	private static final int SLICE = 500;

	/** An event stream whose events are written as pre-encoded bytes. */
	static final class EventStream extends ResponseBodyEmitter {

		EventStream(long timeoutMillis) {
			super(timeoutMillis);
		}

		@Override
		protected void extendResponse(ServerHttpResponse outputMessage) {
			super.extendResponse(outputMessage);
			outputMessage.getHeaders().setContentType(EVENT_STREAM);
		}
	}

	private final StatsService stats;
	private final StreamService streams;
	private final JsonMapper json;
	private final PushProperties properties;
	private final Map<Long, Set<EventStream>> subscribers = new ConcurrentHashMap<>();
	private final Map<Long, Long> lastBroadcastNanos = new ConcurrentHashMap<>();
	private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
	private volatile boolean running;

	EngagementPushHub(StatsService stats, StreamService streams, JsonMapper json, PushProperties properties) {
		this.stats = stats;
		this.streams = streams;
		this.json = json;
		this.properties = properties;
	}

	EventStream subscribe(Stream stream) {
		EventStream emitter = new EventStream(properties.subscriberTimeout().toMillis());
		if (stream.status() == StreamStatus.ENDED) {
			send(emitter, encode("ended", stats.engagement(stream)));
			emitter.complete();
			return emitter;
		}
		Set<EventStream> streamSubscribers = subscribers.computeIfAbsent(stream.id(), id -> ConcurrentHashMap.newKeySet());
		streamSubscribers.add(emitter);
		Runnable remove = () -> streamSubscribers.remove(emitter);
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError(error -> remove.run());
		return emitter;
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
			streams.find(streamId).ifPresent(stream -> broadcast(streamSubscribers, encode("engagement",
					stats.engagement(stream))));
		});
	}

	/**
	 * Hands the writes to virtual threads, slice by slice, and returns at once: a subscriber whose
	 * socket stalls must never hold up the scheduler that also prunes presence.
	 */
	private void broadcast(Set<EventStream> streamSubscribers, byte[] event) {
		List<EventStream> all = List.copyOf(streamSubscribers);
		for (int from = 0; from < all.size(); from += SLICE) {
			List<EventStream> slice = all.subList(from, Math.min(all.size(), from + SLICE));
			writers.submit(() -> sendAll(streamSubscribers, slice, event));
		}
	}

	private static void sendAll(Set<EventStream> streamSubscribers, List<EventStream> targets, byte[] event) {
		for (EventStream emitter : targets) {
			if (!send(emitter, event)) {
				streamSubscribers.remove(emitter);
			}
		}
	}

	@EventListener
	void on(StreamEnded ended) {
		Set<EventStream> streamSubscribers = subscribers.remove(ended.streamId());
		lastBroadcastNanos.remove(ended.streamId());
		if (streamSubscribers == null) {
			return;
		}
		byte[] event = encode("ended", stats.engagement(ended.streamId()));
		writers.submit(() -> {
			for (EventStream emitter : streamSubscribers) {
				send(emitter, event);
				emitter.complete();
			}
		});
	}

	/**
	 * One SSE event as bytes. The id is the wall-clock millisecond the payload was built, so
	 * clients (and the benchmark) can measure delivery delay.
	 */
	private byte[] encode(String name, EngagementView view) {
		return ("id:" + System.currentTimeMillis() + "\nevent:" + name + "\ndata:" + json.writeValueAsString(view)
				+ "\n\n").getBytes(StandardCharsets.UTF_8);
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
