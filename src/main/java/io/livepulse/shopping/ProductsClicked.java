package io.livepulse.shopping;

import java.time.Instant;
import java.util.List;

/**
 * One closed minute of a live stream's counted click-throughs ({@code from} inclusive, {@code to} exclusive): each
 * viewer's first Buy on a product of the stream, real viewers only (a rehearsal's clicks are practice and never
 * told). Every node tells the same minute with the same figures, read from the shared clicks table.
 */
public record ProductsClicked(long streamId, Instant from, Instant to, List<ProductClicks> products) {

	public record ProductClicks(long productId, long clicks) {
	}

	public long clicks() {
		return products.stream().mapToLong(ProductClicks::clicks).sum();
	}
}
