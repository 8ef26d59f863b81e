package io.livepulse.stream;

/**
 * Real figures frozen on a stream when it ends; simulated figures and a rehearsal's practice purchases
 * are never part of them (a rehearsal's revenue and orders here are 0).
 */
public record FinalMetrics(int finalViewers, long likes, int peakViewers, int uniqueViewers, long revenueMinor,
		String currency, int orders, long durationSeconds) {

	public static FinalMetrics none(long durationSeconds) {
		return new FinalMetrics(0, 0, 0, 0, 0, null, 0, durationSeconds);
	}
}
