package io.livepulse.engagement;

import io.livepulse.stream.Stream;

/**
 * Decides whether a purchase may name a product; implemented by the module that owns products, so
 * that this module needs no dependency on it. Throws an {@code ApiProblem} to refuse (nothing is stored).
 */
public interface PurchaseAttribution {

	/** Refuses unless the product is one of the stream's seller's, priced in the purchase's currency. */
	void check(Stream stream, long productId, String currency);
}
