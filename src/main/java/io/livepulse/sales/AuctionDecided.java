package io.livepulse.sales;

/**
 * An auction was decided (SOLD or UNSOLD), published inside the transaction that decided it, once, on the node that
 * did: a listener's own writes (a shop's webhook) commit with the decision.
 */
public record AuctionDecided(long streamId, AuctionView auction) {
}
