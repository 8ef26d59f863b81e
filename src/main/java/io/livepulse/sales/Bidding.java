package io.livepulse.sales;

import org.jspecify.annotations.Nullable;

/**
 * Proxy bidding, as one pure step: the auction's standing and one bid in, the standing after it out. A bid offers
 * {@code amount} now and may go up to {@code max} (a plain bid's max is its amount). The highest max leads; the
 * price is the least that beats the runner-up's max by one step, never more than the leader's max; of two equal
 * maxima the earlier leads. So a viewer who set a maximum is raised by the smallest step, and only as far as
 * someone else's bid makes it necessary.
 */
final class Bidding {

	private Bidding() {
	}

	/** Where an auction stands: its price, and its leader (number, hidden max) once someone bid. */
	record Standing(long priceMinor, int bids, @Nullable Integer leaderNumber, @Nullable Long leaderMaxMinor) {

		/** The least a bid must offer now: the starting price for the first bid, the price plus a step after it. */
		long minimumMinor() {
			return leaderNumber == null ? priceMinor : priceMinor + BidSteps.above(priceMinor);
		}
	}

	/** The standing after a bid, and whether the bidder leads in it. */
	record Outcome(Standing after, boolean bidderLeads) {
	}

	/**
	 * The standing after {@code bidder}'s bid, which the caller has checked offers at least
	 * {@link Standing#minimumMinor()} and a max at least its amount; a leader raising their own max keeps the price.
	 */
	static Outcome bid(Standing now, int bidder, long amountMinor, long maxMinor) {
		if (now.leaderNumber() == null) {
			return new Outcome(new Standing(amountMinor, 1, bidder, maxMinor), true);
		}
		long leaderMax = now.leaderMaxMinor();
		int bids = now.bids() + 1;
		if (now.leaderNumber() == bidder) {
			return new Outcome(new Standing(now.priceMinor(), bids, bidder, Math.max(leaderMax, maxMinor)), true);
		}
		if (maxMinor > leaderMax) {
			long price = Math.max(amountMinor, Math.min(maxMinor, leaderMax + BidSteps.above(leaderMax)));
			return new Outcome(new Standing(price, bids, bidder, maxMinor), true);
		}
		long price = Math.max(amountMinor, Math.min(leaderMax, maxMinor + BidSteps.above(maxMinor)));
		return new Outcome(new Standing(price, bids, now.leaderNumber(), leaderMax), false);
	}
}
