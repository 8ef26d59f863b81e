package io.livepulse.sales;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.livepulse.shared.ApiProblem;

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

	/** Why this sale, as read at {@code now}, cannot take a claim of {@code quantity} units. */
	ApiProblem refusal(int quantity, Instant now) {
		return switch (statusAt(now)) {
			case COUNTDOWN -> ApiProblem.conflict("Flash sale %d starts in %d s.".formatted(id,
					Duration.between(now, startsAt).toSeconds() + 1)).with("status", "COUNTDOWN");
			case ENDED, STOPPED -> ApiProblem.conflict("Flash sale %d is over.".formatted(id)).with("status", "ENDED");
			case SOLD_OUT -> ApiProblem.conflict("Sold out.").with("status", "SOLD_OUT").with("unitsLeft", 0);
			case RUNNING -> ApiProblem.conflict("Only %d units left; %d were asked for.".formatted(unitsLeft(), quantity))
				.with("status", "RUNNING").with("unitsLeft", unitsLeft());
		};
	}
}
