package io.livepulse.analytics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.livepulse.shopping.ProductStats;
import io.livepulse.stats.SellerStats;

/**
 * A stream's analytics report, built from named parts (flat in JSON). Top-level figures are real; a
 * rehearsal's simulated series is in each sample's {@code simulated*} fields and its summary under
 * {@code simulated}. {@code products}: per-product figures with their pin windows, when the stream showed
 * products (on a rehearsal its real figures are 0 and what happened is under each product's {@code practice}).
 */
public record StreamAnalytics(@JsonUnwrapped SellerStats.StreamIdentity stream, long durationSeconds,
		@JsonUnwrapped Watching watching, @JsonUnwrapped Liking liking, @JsonUnwrapped SellerStats.Sales sales,
		Boolean rehearsal, SimulatedSummary simulated, List<Sample> timeline, List<ProductStats.ProductFigures> products) {

	/** Real viewers at the peak, distinct ones, and how long they watched on average. */
	public record Watching(int peakViewers, int uniqueViewers, double averageWatchSeconds) {
	}

	/** Real likes, their pace, and how many viewers gave them. */
	public record Liking(long likes, double likesPerMinute, long engagedViewers, double likesPerEngagedViewer) {
	}

	public record SimulatedSummary(int peakViewers, long likes) {
	}
}
