package io.livepulse.sales;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A flash sale as viewers and the seller see it. {@code practice} marks a rehearsal's sale: nothing of it
 * is a sale. {@code unitsConfirmed} (bought and paid in the shop) is shown to the seller and admins only.
 * {@code serverTime} is when the view was made, so a page whose device clock is off counts down right.
 */
public record FlashSaleView(long id, long streamId, long productId, String title, @Nullable String imageUrl,
		long priceMinor, String currency, int stock, int unitsLeft, int perBuyerLimit, Instant startsAt, Instant endsAt,
		FlashSaleStatus status, boolean practice, @Nullable Integer unitsConfirmed, Instant serverTime) {

	static FlashSaleView of(FlashSale sale, Instant now, boolean forManager) {
		return new FlashSaleView(sale.id(), sale.streamId(), sale.productId(), sale.title(), sale.imageUrl(),
				sale.priceMinor(), sale.currency(), sale.stock(), sale.unitsLeft(), sale.perBuyerLimit(), sale.startsAt(),
				sale.endsAt(), sale.statusAt(now), sale.practice(), forManager ? sale.unitsConfirmed() : null, now);
	}
}
