package io.livepulse.shopping;

import org.springframework.stereotype.Component;

import io.livepulse.engagement.PurchaseAttribution;
import io.livepulse.shared.ApiProblem;
import io.livepulse.stream.Stream;

/** A purchase may name a product of the stream's own seller (archived ones too: orders arrive late). */
@Component
class ShopAttribution implements PurchaseAttribution {

	private final ProductRepository products;

	ShopAttribution(ProductRepository products) {
		this.products = products;
	}

	@Override
	public void check(Stream stream, long productId) {
		if (products.find(productId).filter(product -> product.vendorId() == stream.vendorId()).isEmpty()) {
			throw ApiProblem.unprocessable("Product %d is not a product of stream %d's seller; the purchase was not recorded."
				.formatted(productId, stream.id()));
		}
	}
}
