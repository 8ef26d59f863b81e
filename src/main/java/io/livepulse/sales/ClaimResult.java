package io.livepulse.sales;

import java.time.Instant;

/**
 * A claim taken: its units are held for the buyer until {@code holdUntil}; the shop settles it by reporting
 * the purchase with {@code claimId} ({@code POST /api/streams/{id}/purchases}).
 */
record ClaimResult(String claimId, long saleId, int quantity, long amountMinor, String currency, int unitsLeft,
		Instant holdUntil, boolean practice) {
}
