package io.livepulse.shopping;

import org.springframework.stereotype.Component;

import io.livepulse.engagement.PurchaseAttribution;
import io.livepulse.shared.ApiProblem;
import io.livepulse.stream.Stream;

/**
 * A purchase may name a product of the stream's own seller (archived ones too: orders arrive late), paid in
 * the product's currency (else the product's revenue would add up amounts in two currencies).
 */
@Component
class ShopAttribution implements PurchaseAttribution {

	private final ProductRepository products;

	ShopAttribution(ProductRepository products) {
		this.products = products;
	}

	@Override
	public void check(Stream stream, long productId, String currency) {
		Product product = products.find(productId).filter(found -> found.vendorId() == stream.vendorId())
			.orElseThrow(() -> ApiProblem.unprocessable(
					"Product %d is not a product of stream %d's seller; the purchase was not recorded."
						.formatted(productId, stream.id())));
		if (!product.currency().equals(currency)) {
			throw ApiProblem.unprocessable("Product %d is priced in %s; a purchase of it in %s was not recorded."
				.formatted(productId, product.currency(), currency));
		}
	}
}
