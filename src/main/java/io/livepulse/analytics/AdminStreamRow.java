package io.livepulse.analytics;

import java.time.Instant;

import io.livepulse.stream.StreamMode;
import io.livepulse.stream.StreamStatus;

/**
 * One row of the admin streams table: real, simulated and practice figures side by side, never summed.
 * {@code simulated} and {@code practice} are present on rehearsals only. {@code sellerLabel}: the seller's
 * display name as viewers see it, or "Seller <vendor id>" without one.
 */
record AdminStreamRow(long id, long vendorId, String sellerLabel, String title, StreamMode mode, StreamStatus status,
		Instant createdAt, Instant startedAt, Instant endedAt, long durationSeconds, RealFigures real,
		SimulatedFigures simulated, PracticeFigures practice) {

	/** {@code clicks}: real Buy clicks on the stream's products (a rehearsal's are practice, never here). */
	public record RealFigures(int viewers, int peakViewers, int uniqueViewers, long likes, long revenueMinor,
			String currency, int orders, long clicks) {
	}

	public record SimulatedFigures(int viewers, long likes) {
	}

	/** A rehearsal's purchases and Buy clicks, by its own (real) people: practice, never in {@code real}. */
	public record PracticeFigures(long revenueMinor, String currency, int orders, long clicks) {
	}
}
