package io.livepulse.sales;

/** An auction started, took a bid, was decided or stopped: viewers are told its standing. */
public record AuctionChanged(long streamId, AuctionView auction) {
}
