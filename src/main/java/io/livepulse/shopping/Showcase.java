package io.livepulse.shopping;

import java.util.List;

/** A stream's showcase in order, and the product pinned now ({@code pinned} null when none). */
record Showcase(long streamId, List<ProductCard> products, ProductCard pinned) {
}
