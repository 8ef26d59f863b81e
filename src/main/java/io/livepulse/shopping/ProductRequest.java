package io.livepulse.shopping;

/**
 * The body of {@code POST /api/products} and {@code PUT /api/products/{id}}; every rule is checked
 * by {@link ProductRules}, all at once.
 */
record ProductRequest(String title, Long priceMinor, String currency, String imageUrl, String productUrl,
		String sku) {
}
