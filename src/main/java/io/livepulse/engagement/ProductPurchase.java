package io.livepulse.engagement;

import java.time.Instant;

/**
 * A recorded purchase that names a product: published inside the purchase's transaction (once per order id), so a
 * listener's own writes commit with it; a listener that must see only stored purchases listens after the commit
 * ({@code @TransactionalEventListener}). Read back from the log for the per-product figures.
 */
public record ProductPurchase(long streamId, String orderId, long productId, int quantity, long amountMinor,
		String currency, Instant at) {
}
