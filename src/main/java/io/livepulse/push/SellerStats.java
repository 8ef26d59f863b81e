package io.livepulse.push;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

import io.livepulse.playback.ViewerCounting;
import io.livepulse.simulation.SimulatedAudience;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamMode;
import io.livepulse.stream.StreamStatus;

/**
 * What the owner and admins see, built from named parts (flat in JSON). Every top-level figure is
 * real; a rehearsal's simulated audience is only under {@code simulated}, and its purchases, which are
 * practice, only under {@code practiceSales} (its real revenue and orders stay 0). {@code counting} says whether
 * viewers count only while their players fetch the video, and how many pages heartbeat without one (never in
 * {@code viewers}); null once the stream ended.
 */
public record SellerStats(@JsonUnwrapped StreamIdentity stream, @JsonUnwrapped Audience audience,
		@JsonUnwrapped LikeFigures likeFigures, @JsonUnwrapped Sales sales, long durationSeconds, Boolean rehearsal,
		SimulatedAudience simulated, Sales practiceSales, @Nullable ViewerCounting counting) {

	/** Which stream the figures are of. */
	public record StreamIdentity(long streamId, String title, StreamMode mode, StreamStatus status) {

		public static StreamIdentity of(Stream stream) {
			return new StreamIdentity(stream.id(), stream.title(), stream.mode(), stream.status());
		}
	}

	/** Real viewers: now, at the peak, and distinct ones. */
	public record Audience(int viewers, int peakViewers, int uniqueViewers) {
	}

	/** Real likes: in all, and in the last minute. */
	public record LikeFigures(long likes, long likesPerMinute) {
	}

	/** Purchases reported by the shop: revenue in minor units of its currency, and how many orders. */
	public record Sales(long revenueMinor, String currency, int orders) {
	}
}
