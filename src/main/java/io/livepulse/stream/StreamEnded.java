package io.livepulse.stream;

import java.time.Instant;

/** Published after a stream was marked ENDED and its final metrics were frozen. */
public record StreamEnded(long streamId, long vendorId, StreamMode mode, Instant endedAt, FinalMetrics finalMetrics) {
}
