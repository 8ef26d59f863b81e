package io.livepulse.stream;

import java.time.Instant;

/** A saved stream: what a seller finds on the replays page after ending with {@code save=true}. */
public record Replay(long id, long streamId, long vendorId, String title, String recordingUrl,
		FinalMetrics finalMetrics, Instant savedAt) {
}
