package io.livepulse.sales;

/** A flash sale started, changed its units left, sold out, or stopped: viewers are told its state. */
public record FlashSaleChanged(long streamId, FlashSaleView sale) {
}
