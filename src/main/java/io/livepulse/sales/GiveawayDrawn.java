package io.livepulse.sales;

/**
 * A giveaway was drawn, published inside the transaction that recorded the winner, once, on the node that drew it:
 * a listener's own writes (a shop's webhook) commit with the draw.
 */
public record GiveawayDrawn(long streamId, GiveawayView giveaway) {
}
