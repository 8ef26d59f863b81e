package io.livepulse.push;

import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The last event of streams that ended lately. The hub records it before any audience closes its
 * subscriptions, so a subscriber that joins while its stream is ending is told at once instead of
 * waiting on a stream that will never send again.
 */
@Component
class EndedStreams {

	private static final int REMEMBERED = 1024;

	private final Map<Long, byte[]> lastEvents = Caffeine.newBuilder().maximumSize(REMEMBERED).<Long, byte[]>build()
		.asMap();

	void record(long streamId, byte[] endedEvent) {
		lastEvents.put(streamId, endedEvent);
	}

	/** The stream's ended event, or null when it has not ended lately. */
	byte @Nullable [] lastEvent(long streamId) {
		return lastEvents.get(streamId);
	}
}
