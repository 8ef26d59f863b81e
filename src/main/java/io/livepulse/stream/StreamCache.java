package io.livepulse.stream;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Streams held in memory, because every heartbeat and like checks its stream's state. Refreshed on
 * each transition made through {@link StreamService}, and in cluster mode when another node announces
 * or the safety net finds a change.
 */
@Component
class StreamCache {

	private final JdbcStreamRepository repository;
	private final ApplicationEventPublisher events;
	/** Bounded: live streams are read on every request and stay; an evicted stream is read again when asked for. */
	private final Map<Long, Stream> cache = Caffeine.newBuilder().maximumSize(10_000).<Long, Stream>build().asMap();

	StreamCache(JdbcStreamRepository repository, ApplicationEventPublisher events) {
		this.repository = repository;
		this.events = events;
	}

	Optional<Stream> find(long id) {
		Stream cached = cache.get(id);
		if (cached != null) {
			return Optional.of(cached);
		}
		return repository.findById(id).map(this::remember);
	}

	/**
	 * Reads the stream from the database again, after a transition; announces {@link StreamEndSeen} when this is how
	 * the node first learns that the stream ended with its final metrics (another node froze them, and this node's
	 * own request read them before that node's message arrived, which then finds nothing new).
	 */
	Stream reload(long id) {
		return reload(id, true);
	}

	/** As {@link #reload(long)}, after this node froze the final metrics itself (it announced {@link StreamEnded}). */
	Stream reloadAfterOwnEnd(long id) {
		return reload(id, false);
	}

	private Stream reload(long id, boolean announceEnd) {
		Stream before = cache.get(id);
		Stream fresh = repository.findById(id).map(this::remember).orElseThrow(() -> StreamService.notFound(id));
		if (announceEnd && endedWithMetrics(fresh) && (before == null || !endedWithMetrics(before))) {
			events.publishEvent(new StreamEndSeen(id));
		}
		return fresh;
	}

	/**
	 * Reads a stream again because another node changed it; announces {@link StreamEndSeen} the first
	 * time this node sees it ended with its final metrics.
	 */
	void refresh(long id) {
		Stream before = cache.get(id);
		repository.findById(id).ifPresent(fresh -> {
			Stream now = remember(fresh);
			if (endedWithMetrics(now) && (before == null || !endedWithMetrics(before))) {
				events.publishEvent(new StreamEndSeen(id));
			}
		});
	}

	/** Re-reads every held stream whose state in the database differs from the one held. */
	void refreshChanged() {
		List<Long> open = cache.values().stream().filter(stream -> !endedWithMetrics(stream)).map(Stream::id).toList();
		if (open.isEmpty()) {
			return;
		}
		Map<Long, String> states = repository.states(open);
		for (long id : open) {
			Stream held = cache.get(id);
			String state = states.get(id);
			if (held != null && state != null && !state.equals(stateOf(held))) {
				refresh(id);
			}
		}
	}

	private static boolean endedWithMetrics(Stream stream) {
		return stream.status() == StreamStatus.ENDED && stream.finalMetrics() != null;
	}

	/** As {@link JdbcStreamRepository#states} spells it. */
	static String stateOf(Stream stream) {
		return stream.status().name() + (stream.finalMetrics() == null ? "" : "+metrics");
	}

	/**
	 * Never lets a slower reader put an older state back: CREATED < LIVE < ENDED < ENDED with final
	 * metrics (a reader that loaded the stream between its two ending steps must not hide the metrics).
	 */
	private Stream remember(Stream stream) {
		return cache.merge(stream.id(), stream, (cached, fresh) -> progress(fresh) >= progress(cached) ? fresh : cached);
	}

	private static int progress(Stream stream) {
		return 2 * stream.status().ordinal() + (stream.finalMetrics() == null ? 0 : 1);
	}
}
