package io.livepulse.sales;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * An auction to start: a product of the stream's showcase, from {@code startingPriceMinor} (its currency, at most
 * 10,000,000.00), for 10-120 s. Unless {@code suddenDeath}, a bid in the last 10 s sets the clock back to 10 s.
 */
record NewAuction(@NotNull @Positive Long productId, @NotNull @Positive @Max(1_000_000_000L) Long startingPriceMinor,
		@NotNull @Min(10) @Max(120) Integer durationSeconds, boolean suddenDeath) {
}
