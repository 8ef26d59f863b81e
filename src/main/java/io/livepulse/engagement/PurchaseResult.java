package io.livepulse.engagement;

import org.jspecify.annotations.Nullable;

/**
 * {@code recorded} is false when the order had been reported before and was not counted again. The
 * figures are the stream's real totals after it; on a rehearsal they stay 0, {@code rehearsal} is true
 * and the stream's practice totals are under {@code practice}.
 */
record PurchaseResult(String orderId, boolean recorded, long revenueMinor, @Nullable String currency, int orders,
		@Nullable Boolean rehearsal, @Nullable Practice practice) {

	/** A rehearsal's purchases: practice, reported apart and never added to real revenue or orders. */
	public record Practice(long revenueMinor, @Nullable String currency, int orders) {
	}
}
