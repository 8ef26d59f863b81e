package io.livepulse.sales;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An auction as viewers see it. {@code status}: RUNNING, CLOSING (its clock is out and the winner is being
 * decided, within a second), SOLD, UNSOLD or STOPPED. {@code minimumBidMinor} is the least the next bid must
 * offer. The leader and the winner are shown by their number in this auction and display name; the seller and
 * admins also see the winner's user id and the order that paid. {@code you} is the caller's own standing (null
 * for a viewer who has not bid, and in events, which everyone gets alike).
 */
public record AuctionView(long id, long streamId, long productId, String title, @Nullable String imageUrl,
		String currency, long startingPriceMinor, long currentPriceMinor, long minimumBidMinor, int bids, int bidders,
		@Nullable Bidder leader, boolean suddenDeath, int extensions, Instant endsAt, String status,
		@Nullable Winner winner, boolean practice, @Nullable You you, Instant serverTime) {

	public record Bidder(int number, @Nullable String displayName) {
	}

	public record Winner(int number, @Nullable String displayName, long priceMinor, @Nullable String userId,
			@Nullable String orderId) {
	}

	/** The caller's standing: {@code claimId} (the winner's only) pays for the item in the shop. */
	public record You(int bidderNumber, boolean leading, long maxMinor, boolean won, @Nullable String claimId) {
	}

	static AuctionView of(Auction auction, Instant now, boolean forManager, @Nullable You you) {
		String status = auction.running() && !now.isBefore(auction.endsAt()) ? "CLOSING" : auction.status();
		Bidder leader = auction.leaderNumber() == null ? null : new Bidder(auction.leaderNumber(), auction.leaderName());
		Winner winner = !"SOLD".equals(auction.status()) || auction.leaderNumber() == null ? null
				: new Winner(auction.leaderNumber(), auction.leaderName(), auction.priceMinor(),
						forManager ? auction.leaderUserId() : null, forManager ? auction.orderId() : null);
		long minimum = auction.standing().minimumMinor();
		return new AuctionView(auction.id(), auction.streamId(), auction.productId(), auction.title(), auction.imageUrl(),
				auction.currency(), auction.startingPriceMinor(), auction.priceMinor(), minimum, auction.bids(),
				auction.bidders(), leader, auction.suddenDeath(), auction.extensions(), auction.endsAt(), status, winner,
				auction.practice(), you, now);
	}
}
