package io.livepulse.media;

import java.time.Instant;
import java.util.List;

/**
 * A stream's video as anyone who may see the stream sees it: its state, the HLS address while it is
 * live, and the recordings once it ended. Never the key.
 */
record VideoView(long streamId, VideoState state, String hlsUrl, Instant reconnectingUntil, Instant autoEndsAt,
		List<RecordingView> recordings) {

	public record RecordingView(String url, Instant recordedAt) {
	}
}
