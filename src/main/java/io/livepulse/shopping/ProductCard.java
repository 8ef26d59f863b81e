package io.livepulse.shopping;

import org.jspecify.annotations.Nullable;

/**
 * A product as viewers see it: no shop URL, only {@code buyUrl}, the counted redirect
 * ({@code /go/{streamId}/{productId}}) that leads there. {@code sku} is the seller's own stock-keeping code, if
 * they gave one (a shop's cart bridge adds it by that code).
 */
public record ProductCard(long productId, String title, long priceMinor, String currency, String imageUrl,
		String buyUrl, @Nullable String sku) {

	static ProductCard of(Product product, long streamId) {
		return new ProductCard(product.id(), product.title(), product.priceMinor(), product.currency(),
				product.imageUrl(), "/go/" + streamId + "/" + product.id(), product.sku());
	}
}
