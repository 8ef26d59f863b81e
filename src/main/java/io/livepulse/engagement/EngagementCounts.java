package io.livepulse.engagement;

/**
 * Counted interactions of one stream. Real and simulated likes are separate fields and are never
 * added together; simulated likes exist on rehearsal streams only.
 */
public record EngagementCounts(long likes, long likesLastMinute, long simulatedLikes, long revenueMinor,
		String currency, int orders) {

	public static final EngagementCounts NONE = new EngagementCounts(0, 0, 0, 0, null, 0);
}
