package io.livepulse.engagement;

import java.time.Instant;

/**
 * A recorded purchase that names a product: published when it is recorded (once per order id), and
 * read back from the log for the per-product figures.
 */
public record ProductPurchase(long streamId, String orderId, long productId, int quantity, long amountMinor,
		String currency, Instant at) {
}
