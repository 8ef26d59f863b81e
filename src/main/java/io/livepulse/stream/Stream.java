package io.livepulse.stream;

import java.time.Duration;
import java.time.Instant;

import io.livepulse.security.Caller;
import io.livepulse.settings.StreamSettings;

/**
 * A stream as the rest of the service sees it. It never holds the stream key: the key is only
 * read through {@link StreamKeyService#keyOf}. {@code sellerName} is the creator's display name at
 * creation (from their token), or null.
 */
public record Stream(long id, long vendorId, String title, String description, Instant scheduledAt,
		StreamMode mode, StreamStatus status, Instant createdAt, Instant startedAt, Instant endedAt,
		StreamSettings settings, FinalMetrics finalMetrics, String sellerName) {

	/**
	 * The seller as pages show them: the display name stored at creation (cleaned again, as names stored
	 * before a cleaning rule was added may break it), else "Seller <vendor id>".
	 */
	public String sellerLabel() {
		String name = Caller.cleanDisplayName(sellerName);
		return name != null ? name : "Seller " + vendorId;
	}

	public boolean isLive() {
		return status == StreamStatus.LIVE;
	}

	public boolean isRehearsal() {
		return mode == StreamMode.REHEARSAL;
	}

	/** Anyone may see it: every stream but a rehearsal, which is its owner's and admins' only. */
	public boolean isPublic() {
		return mode != StreamMode.REHEARSAL;
	}

	/** Seconds live so far, or in total once ended; 0 before it started. */
	public long durationSecondsAt(Instant now) {
		if (startedAt == null) {
			return 0;
		}
		Instant end = endedAt != null ? endedAt : now;
		return Math.max(0, Duration.between(startedAt, end).toSeconds());
	}
}
