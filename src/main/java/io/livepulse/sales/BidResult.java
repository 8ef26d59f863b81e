package io.livepulse.sales;

import java.time.Instant;

/**
 * A bid taken (and on disk): the price it left, whether the bidder leads (a proxy maximum above theirs outbids
 * them at once), their number in this auction, their maximum, and the clock (later when the bid extended it).
 */
record BidResult(long auctionId, long currentPriceMinor, String currency, boolean leading, int bidderNumber,
		long yourMaxMinor, Instant endsAt, boolean extended, boolean practice) {
}
