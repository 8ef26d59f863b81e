package io.livepulse.analytics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.livepulse.shopping.ProductStats;
import io.livepulse.push.SellerStats;
import io.livepulse.sales.LiveCommerceFigures.LiveCommerce;

/**
 * A stream's analytics report, built from named parts (flat in JSON). Top-level figures are real; a
 * rehearsal's simulated series is in each sample's {@code simulated*} fields and its summary under
 * {@code simulated}. {@code products}: per-product figures with their pin windows, when the stream showed
 * products (on a rehearsal its real figures are 0 and what happened is under each product's {@code practice}).
 * Chat figures: real ones flat ({@link Chatting}), a rehearsal's under {@code practiceChat}; sales likewise,
 * a rehearsal's purchases only under {@code practiceSales}. The live-commerce figures (flash sales, auction
 * results, giveaway entries) in {@code liveCommerce}, a rehearsal's under {@code practiceLiveCommerce}.
 */
record StreamAnalytics(@JsonUnwrapped SellerStats.StreamIdentity stream, long durationSeconds,
		@JsonUnwrapped Watching watching, @JsonUnwrapped Liking liking, @JsonUnwrapped SellerStats.Sales sales,
		@JsonUnwrapped Chatting chatting, Boolean rehearsal, SimulatedSummary simulated, PracticeChat practiceChat,
		SellerStats.Sales practiceSales, List<Sample> timeline, List<ProductStats.ProductFigures> products,
		LiveCommerce liveCommerce, LiveCommerce practiceLiveCommerce) {

	/** Real viewers at the peak, distinct ones, and how long they watched on average. */
	public record Watching(int peakViewers, int uniqueViewers, double averageWatchSeconds) {
	}

	/** Real likes, their pace, and how many viewers gave them. */
	public record Liking(long likes, double likesPerMinute, long engagedViewers, double likesPerEngagedViewer) {
	}

	/**
	 * The audience's real chat that stayed shown (not the seller's messages, not held, not deleted):
	 * distinct people who wrote, their messages, those ending in a question mark, messages per minute live.
	 */
	public record Chatting(long chatters, long chatMessages, long questions, double messagesPerMinute) {
	}

	/** A rehearsal's practice chat, counted the same way and never added to the real figures. */
	public record PracticeChat(long chatters, long messages, long questions) {
	}

	public record SimulatedSummary(int peakViewers, long likes) {
	}
}
