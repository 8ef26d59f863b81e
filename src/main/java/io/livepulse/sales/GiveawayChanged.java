package io.livepulse.sales;

/** A giveaway opened, closed or was drawn: viewers are told its state. */
public record GiveawayChanged(long streamId, GiveawayView giveaway) {
}
