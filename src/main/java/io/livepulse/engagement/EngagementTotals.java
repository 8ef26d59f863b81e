package io.livepulse.engagement;

/**
 * What the interaction log holds for one stream, summed: the figures the counters must match. A
 * rehearsal's purchases are practice, only in {@code practiceRevenueMinor} and {@code practiceOrders}.
 */
record EngagementTotals(long likes, long simulatedLikes, long revenueMinor, int orders, String currency,
		long practiceRevenueMinor, int practiceOrders) {

	static final EngagementTotals NONE = new EngagementTotals(0, 0, 0, 0, null, 0, 0);
}
