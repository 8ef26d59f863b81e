package io.livepulse.shopping;

/**
 * A product as viewers see it: no shop URL, only {@code buyUrl}, the counted redirect
 * ({@code /go/{streamId}/{productId}}) that leads there.
 */
public record ProductCard(long productId, String title, long priceMinor, String currency, String imageUrl,
		String buyUrl) {

	static ProductCard of(Product product, long streamId) {
		return new ProductCard(product.id(), product.title(), product.priceMinor(), product.currency(),
				product.imageUrl(), "/go/" + streamId + "/" + product.id());
	}
}
