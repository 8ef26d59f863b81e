package io.livepulse.stream;

import java.time.Instant;

/**
 * A saved stream: what a seller finds on the replays page after ending with {@code save=true}. The mode
 * is the stream's, so a rehearsal's replay is marked as one.
 */
record Replay(long id, long streamId, long vendorId, String title, StreamMode mode, String recordingUrl,
		FinalMetrics finalMetrics, Instant savedAt) {
}
