package io.livepulse.engagement;

/**
 * Counted interactions of one stream. Real and simulated likes are separate fields and are never
 * added together; simulated likes exist on rehearsal streams only. Likewise {@code revenueMinor} and
 * {@code orders} are real purchases only: a rehearsal's are practice, counted in the {@code practice*} fields.
 * {@code currency} is the one the stream sells in, whichever kind its purchases are.
 */
public record EngagementCounts(long likes, long likesLastMinute, long simulatedLikes, long revenueMinor,
		String currency, int orders, long practiceRevenueMinor, int practiceOrders) {

	public static final EngagementCounts NONE = new EngagementCounts(0, 0, 0, 0, null, 0, 0, 0);
}
