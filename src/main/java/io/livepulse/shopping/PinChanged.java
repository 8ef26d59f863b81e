package io.livepulse.shopping;

import java.time.Instant;

/** A stream's pinned product changed; {@code pinned} is null when the seller unpinned. */
public record PinChanged(long streamId, ProductCard pinned, Instant at) {
}
