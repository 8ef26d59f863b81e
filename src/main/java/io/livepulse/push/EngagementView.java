package io.livepulse.push;

import io.livepulse.simulation.SimulatedAudience;
import io.livepulse.stream.StreamStatus;

/**
 * The public engagement payload (viewer page, polling and SSE). {@code viewers} is absent while
 * {@code viewersHidden}; {@code rehearsal} and {@code simulated} appear on rehearsal streams only.
 * Never a key, never revenue.
 */
public record EngagementView(long streamId, StreamStatus status, Integer viewers, boolean viewersHidden, long likes,
		long durationSeconds, Boolean rehearsal, SimulatedAudience simulated) {
}
