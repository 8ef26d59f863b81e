package io.livepulse.sales;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An auction as stored. {@code status} is RUNNING until it is decided: SOLD (to the leader, who gets
 * {@code winClaimId} to pay with), UNSOLD (nobody bid) or STOPPED (by the seller, an admin or the stream's end).
 */
record Auction(long id, long streamId, long productId, String title, @Nullable String imageUrl, String currency,
		long startingPriceMinor, long priceMinor, int bids, int bidders, @Nullable Integer leaderNumber,
		@Nullable String leaderUserId, @Nullable String leaderName, @Nullable Long leaderMaxMinor, boolean suddenDeath,
		int extensions, Instant endsAt, String status, @Nullable String winClaimId, @Nullable String orderId,
		boolean practice) {

	boolean running() {
		return "RUNNING".equals(status);
	}

	/** Whether bids are taken at {@code now}: running and its clock not yet out. */
	boolean takesBidsAt(Instant now) {
		return running() && now.isBefore(endsAt);
	}

	Bidding.Standing standing() {
		return new Bidding.Standing(priceMinor, bids, leaderNumber, leaderMaxMinor);
	}
}
