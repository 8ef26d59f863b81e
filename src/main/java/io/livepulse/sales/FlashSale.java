package io.livepulse.sales;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A flash sale as stored: what it sells, how many units are held or bought, and when it runs. */
record FlashSale(long id, long streamId, long productId, String title, @Nullable String imageUrl, long priceMinor,
		String currency, int stock, int perBuyerLimit, int unitsTaken, int unitsConfirmed, Instant startsAt,
		Instant endsAt, @Nullable Instant stoppedAt, boolean practice) {

	FlashSaleStatus statusAt(Instant now) {
		if (stoppedAt != null) {
			return FlashSaleStatus.STOPPED;
		}
		if (!now.isBefore(endsAt)) {
			return FlashSaleStatus.ENDED;
		}
		if (unitsTaken >= stock) {
			return FlashSaleStatus.SOLD_OUT;
		}
		return now.isBefore(startsAt) ? FlashSaleStatus.COUNTDOWN : FlashSaleStatus.RUNNING;
	}

	int unitsLeft() {
		return stock - unitsTaken;
	}
}
