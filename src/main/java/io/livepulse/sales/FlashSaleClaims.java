package io.livepulse.sales;

import java.time.Clock;
import java.util.Objects;

import org.springframework.stereotype.Component;

import io.livepulse.engagement.ClaimConfirmation.ClaimedPurchase;
import io.livepulse.shared.ApiProblem;

/**
 * Settles a claim with the shop's purchase, in the purchase's transaction: the purchase must be the claim's
 * buyer's, for the sale's product, its units and their price. A claim whose hold expired gave its units
 * back: the purchase is refused, so the units cannot be sold twice.
 */
@Component
class FlashSaleClaims {

	private final FlashSaleRepository repository;
	private final FlashSaleBroadcasts broadcasts;
	private final Clock clock;

	FlashSaleClaims(FlashSaleRepository repository, FlashSaleBroadcasts broadcasts, Clock clock) {
		this.repository = repository;
		this.broadcasts = broadcasts;
		this.clock = clock;
	}

	boolean settledBy(String claimId, String orderId) {
		return repository.claim(claimId)
			.map(claim -> "CONFIRMED".equals(claim.status()) && orderId.equals(claim.orderId()))
			.orElse(false);
	}

	void confirm(ClaimedPurchase purchase) {
		FlashSaleRepository.Claim claim = repository.claim(purchase.claimId())
			.orElseThrow(() -> ApiProblem.unprocessable("Claim %s does not exist.".formatted(purchase.claimId())));
		FlashSale sale = repository.find(claim.saleId()).orElseThrow();
		if (sale.streamId() != purchase.streamId()) {
			throw ApiProblem.unprocessable("Claim %s belongs to another stream.".formatted(claim.id()));
		}
		if (!claim.userId().equals(purchase.buyerId())) {
			throw ApiProblem.unprocessable("Claim %s is another buyer's.".formatted(claim.id()));
		}
		long price = sale.priceMinor() * claim.quantity();
		if (!Objects.equals(purchase.productId(), sale.productId()) || !Objects.equals(purchase.quantity(), claim.quantity())
				|| purchase.amountMinor() != price || !purchase.currency().equals(sale.currency())) {
			throw ApiProblem.unprocessable("Claim %s is %d x product %d for %d %s; the purchase must say the same."
				.formatted(claim.id(), claim.quantity(), sale.productId(), price, sale.currency()));
		}
		switch (claim.status()) {
			case "HELD" -> {
				if (!repository.confirm(claim, purchase.orderId(), clock.instant())) {
					throw ApiProblem.conflict("Claim %s expired at %s (or was settled meanwhile); its units go back to the sale."
						.formatted(claim.id(), claim.holdUntil()));
				}
				broadcasts.changed(sale.id());
			}
			case "CONFIRMED" -> {
				if (!purchase.orderId().equals(claim.orderId())) {
					throw ApiProblem.conflict("Claim %s was already settled by another order.".formatted(claim.id()));
				}
			}
			default -> throw ApiProblem.conflict("Claim %s expired at %s; its units went back to the sale."
				.formatted(claim.id(), claim.holdUntil()));
		}
	}
}
