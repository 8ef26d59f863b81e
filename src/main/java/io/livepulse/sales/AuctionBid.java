package io.livepulse.sales;

import java.time.Instant;

/**
 * One accepted bid, in the order bids were taken ({@code seq} from 1, no gaps): who bid (their number in the
 * auction), the price and the leader it left (a maximum set earlier may have answered it at once), the clock
 * after it and when it was taken. Public, like the auction: the bids' history anyone can check.
 */
record AuctionBid(int seq, int bidderNumber, long priceMinor, int leaderNumber, Instant endsAt, Instant at) {
}
