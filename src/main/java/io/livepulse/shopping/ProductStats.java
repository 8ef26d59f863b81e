package io.livepulse.shopping;

import java.time.Instant;
import java.util.List;

/**
 * Per-product figures of one stream. Real actions only: on a rehearsal every real figure is 0 and
 * what happened is under {@code practice}, never counted as real.
 *
 * @param products the showcase's products in order, then any other product with figures
 */
public record ProductStats(long streamId, Boolean rehearsal, List<ProductFigures> products) {

	/**
	 * @param impressions distinct real viewers present while the product was pinned
	 * @param clickThroughRate clicks / impressions (0 without impressions)
	 * @param conversionRate orders / clicks (0 without clicks)
	 * @param revenueInPinMinor revenue of orders placed while the product was pinned
	 */
	public record ProductFigures(long productId, String title, boolean pinnedNow, List<PinWindow> pinWindows,
			long pinnedSeconds, long impressions, long clicks, double clickThroughRate, int orders, long units,
			double conversionRate, long revenueMinor, long revenueInPinMinor, long revenueOutsidePinMinor,
			String currency, Practice practice) {
	}

	/** A time the product was pinned; {@code to} is null while it still is. */
	public record PinWindow(Instant from, Instant to) {
	}

	/** What a rehearsal's own viewers did: practice, never real figures. */
	public record Practice(long impressions, long clicks, int orders, long revenueMinor) {
	}
}
