package io.livepulse.stream;

import java.time.Instant;

public record StreamStarted(long streamId, long vendorId, StreamMode mode, Instant startedAt) {
}
