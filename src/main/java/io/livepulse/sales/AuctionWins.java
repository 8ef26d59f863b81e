package io.livepulse.sales;

import java.time.Clock;
import java.util.Objects;

import org.springframework.stereotype.Component;

import io.livepulse.engagement.ClaimConfirmation.ClaimedPurchase;
import io.livepulse.shared.ApiProblem;

/**
 * Settles a won auction with the shop's purchase, in the purchase's transaction: the winner's, one unit of the
 * auction's product, at the winning price. One order pays for it; the same order reported again is accepted.
 */
@Component
class AuctionWins {

	private final AuctionRepository repository;
	private final AuctionBroadcasts broadcasts;
	private final Clock clock;

	AuctionWins(AuctionRepository repository, AuctionBroadcasts broadcasts, Clock clock) {
		this.repository = repository;
		this.broadcasts = broadcasts;
		this.clock = clock;
	}

	boolean settledBy(Auction auction, String orderId) {
		return orderId.equals(auction.orderId());
	}

	void confirm(Auction auction, ClaimedPurchase purchase) {
		if (auction.streamId() != purchase.streamId()) {
			throw ApiProblem.unprocessable("Claim %s belongs to another stream.".formatted(purchase.claimId()));
		}
		if (!purchase.buyerId().equals(auction.leaderUserId())) {
			throw ApiProblem.unprocessable("Claim %s is another buyer's.".formatted(purchase.claimId()));
		}
		if (!Objects.equals(purchase.productId(), auction.productId()) || !Objects.equals(purchase.quantity(), 1)
				|| purchase.amountMinor() != auction.priceMinor() || !purchase.currency().equals(auction.currency())) {
			throw ApiProblem.unprocessable("Claim %s is the auction's 1 x product %d for %d %s; the purchase must say the same."
				.formatted(purchase.claimId(), auction.productId(), auction.priceMinor(), auction.currency()));
		}
		if (auction.orderId() == null && repository.settle(auction.id(), purchase.orderId(), clock.instant())) {
			broadcasts.changed(auction.id());
		}
		else if (!purchase.orderId().equals(repository.find(auction.id()).orElseThrow().orderId())) {
			throw ApiProblem.conflict("Claim %s was already settled by another order.".formatted(purchase.claimId()));
		}
	}
}
