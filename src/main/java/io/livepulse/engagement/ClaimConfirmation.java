package io.livepulse.engagement;

/**
 * Settles a held claim (a flash sale's units held for a buyer) with the purchase that pays for it, inside
 * the purchase's own transaction: a purchase naming a claim is stored only if this accepts it. Implemented
 * by the sales module; engagement does not know flash sales.
 */
public interface ClaimConfirmation {

	/**
	 * Confirms the claim for this purchase, or throws an {@code ApiProblem} saying why not (unknown claim, another
	 * buyer's, hold expired, amount or product not the claim's). Confirming the same order again is accepted.
	 */
	void confirm(ClaimedPurchase purchase);

	/** Whether this order settled this claim (an order reported again must name the claim it settled). */
	boolean settledBy(String claimId, String orderId);

	/** What the purchase says about the claim it settles. */
	record ClaimedPurchase(long streamId, String claimId, String orderId, String buyerId, Long productId,
			Integer quantity, long amountMinor, String currency) {
	}
}
