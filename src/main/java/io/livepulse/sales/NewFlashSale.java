package io.livepulse.sales;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * A flash sale to start: a product of the stream's showcase at {@code priceMinor} (its currency), {@code stock}
 * units, at most {@code perBuyerLimit} per buyer, starting in 10-300 s and running 30 s to 20 min. The price is at
 * most 10,000,000.00 so that a claim of the most units still fits one purchase (at most 1e12 minor units).
 */
record NewFlashSale(@NotNull @Positive Long productId, @NotNull @Positive @Max(1_000_000_000L) Long priceMinor,
		@NotNull @Positive @Max(1_000_000) Integer stock, @NotNull @Positive @Max(1_000) Integer perBuyerLimit,
		@NotNull @Min(10) @Max(300) Integer startsInSeconds, @NotNull @Min(30) @Max(1_200) Integer durationSeconds) {
}
