package io.livepulse.stats;

import io.livepulse.simulation.SimulatedAudience;
import io.livepulse.stream.StreamMode;
import io.livepulse.stream.StreamStatus;

/**
 * What the owner and admins see. Every top-level figure is real; a rehearsal's simulated audience
 * is only under {@code simulated}.
 */
public record SellerStats(long streamId, String title, StreamMode mode, StreamStatus status, int viewers,
		int peakViewers, int uniqueViewers, long likes, long likesPerMinute, long revenueMinor, String currency,
		int orders, long durationSeconds, Boolean rehearsal, SimulatedAudience simulated) {
}
