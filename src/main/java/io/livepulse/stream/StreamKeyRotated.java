package io.livepulse.stream;

import java.time.Instant;

/** Published after a stream's key was replaced: the old key must stop working at once. */
public record StreamKeyRotated(long streamId, Instant rotatedAt) {
}
