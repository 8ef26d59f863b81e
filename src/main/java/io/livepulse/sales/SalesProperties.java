package io.livepulse.sales;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

/**
 * {@code livepulse.sales.*}: flash sales and auctions.
 *
 * @param holdFor how long a claim holds its units for checkout in the shop before they return to the sale
 * @param holdCheckInterval how often expired holds are returned (on one node at a time)
 * @param broadcastInterval how often a sale's changed units are pushed to viewers (sold out and the end at once)
 * @param maxClaimQuantity the most units one claim may ask for
 * @param auctionBroadcastInterval how often an auction's new standing is pushed to viewers
 * @param auctionCloseInterval how often each node looks for auctions whose clock ran out, to decide them
 */
@Validated
@ConfigurationProperties("livepulse.sales")
record SalesProperties(@DefaultValue("5m") Duration holdFor, @DefaultValue("5s") Duration holdCheckInterval,
		@DefaultValue("200ms") Duration broadcastInterval, @DefaultValue("10") @Positive @Max(1_000) int maxClaimQuantity,
		@DefaultValue("100ms") Duration auctionBroadcastInterval, @DefaultValue("250ms") Duration auctionCloseInterval) {
}
