package io.livepulse.stream;

/** Real figures frozen on a stream when it ends; simulated figures are never part of them. */
public record FinalMetrics(int finalViewers, long likes, int peakViewers, int uniqueViewers, long revenueMinor,
		String currency, int orders, long durationSeconds) {

	public static FinalMetrics none(long durationSeconds) {
		return new FinalMetrics(0, 0, 0, 0, 0, null, 0, durationSeconds);
	}
}
