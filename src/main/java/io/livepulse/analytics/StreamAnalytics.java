package io.livepulse.analytics;

import java.util.List;

import io.livepulse.stream.StreamMode;
import io.livepulse.stream.StreamStatus;

/**
 * A stream's analytics report. Top-level figures are real; a rehearsal's simulated series is in
 * each sample's {@code simulated*} fields and its summary under {@code simulated}.
 */
public record StreamAnalytics(long streamId, String title, StreamMode mode, StreamStatus status,
		long durationSeconds, int peakViewers, int uniqueViewers, double averageWatchSeconds, long likes,
		double likesPerMinute, long revenueMinor, String currency, int orders, long engagedViewers,
		double likesPerEngagedViewer, Boolean rehearsal, SimulatedSummary simulated, List<Sample> timeline) {

	public record SimulatedSummary(int peakViewers, long likes) {
	}
}
