package io.livepulse.sales;

import org.springframework.stereotype.Component;

import io.livepulse.engagement.ClaimConfirmation;

/** The purchases API's claims: a flash sale's held units, or the item a viewer won at auction. */
@Component
class SaleClaims implements ClaimConfirmation {

	private final AuctionRepository auctions;
	private final AuctionWins auctionWins;
	private final FlashSaleClaims flashSaleClaims;

	SaleClaims(AuctionRepository auctions, AuctionWins auctionWins, FlashSaleClaims flashSaleClaims) {
		this.auctions = auctions;
		this.auctionWins = auctionWins;
		this.flashSaleClaims = flashSaleClaims;
	}

	@Override
	public void confirm(ClaimedPurchase purchase) {
		auctions.byWinClaim(purchase.claimId()).ifPresentOrElse(won -> auctionWins.confirm(won, purchase),
				() -> flashSaleClaims.confirm(purchase));
	}

	@Override
	public boolean settledBy(String claimId, String orderId) {
		return auctions.byWinClaim(claimId).map(won -> auctionWins.settledBy(won, orderId))
			.orElseGet(() -> flashSaleClaims.settledBy(claimId, orderId));
	}
}
