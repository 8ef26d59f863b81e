package io.livepulse.engagement;

/** What the interaction log holds for one stream, summed: the figures the counters must match. */
record EngagementTotals(long likes, long simulatedLikes, long revenueMinor, int orders, String currency) {

	static final EngagementTotals NONE = new EngagementTotals(0, 0, 0, 0, null);
}
