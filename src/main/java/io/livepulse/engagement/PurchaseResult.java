package io.livepulse.engagement;

/** {@code recorded} is false when the order had been reported before and was not counted again. */
public record PurchaseResult(String orderId, boolean recorded, long revenueMinor, String currency, int orders) {
}
