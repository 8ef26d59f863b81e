package io.livepulse.shopping;

import java.time.Instant;

/** A seller's product as its seller sees it; {@code priceMinor} in the currency's minor unit. */
record Product(long id, long vendorId, String title, long priceMinor, String currency, String imageUrl,
		String productUrl, String sku, boolean archived, Instant createdAt, Instant updatedAt) {
}
