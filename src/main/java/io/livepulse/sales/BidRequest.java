package io.livepulse.sales;

import org.jspecify.annotations.Nullable;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

/**
 * A bid: {@code amountMinor} offers that price now; {@code maxAmountMinor} instead lets the service bid for the
 * viewer, the least that leads, raised by the smallest step whenever someone else bids, up to that maximum.
 * Exactly one of the two.
 */
record BidRequest(@Nullable @Positive @Max(1_000_000_000_000L) Long amountMinor,
		@Nullable @Positive @Max(1_000_000_000_000L) Long maxAmountMinor) {

	@AssertTrue(message = "give either amountMinor or maxAmountMinor")
	boolean isOneKind() {
		return (amountMinor == null) != (maxAmountMinor == null);
	}

	boolean proxy() {
		return maxAmountMinor != null;
	}
}
