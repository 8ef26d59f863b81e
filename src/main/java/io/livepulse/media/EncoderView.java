package io.livepulse.media;

import java.time.Instant;

/**
 * The seller's (and admins') view of a stream's encoder: where to point OBS (the key is fetched
 * separately, by its owner only), the connection and the ingest's health.
 */
record EncoderView(long streamId, String ingestUrl, String playbackId, VideoView video, Instant connectedAt,
		Health health) {

	/**
	 * The bitrate is null (and no warning is given) until the media server has measured it; so is the keyframe
	 * interval (seconds, from the live playlist's fragments) until the first fragments are out.
	 */
	record Health(Long bitrateKbps, double frameRate, int width, int height, Instant measuredAt, boolean lowBitrate,
			int lowBitrateThresholdKbps, Double keyframeIntervalSeconds, boolean sparseKeyframes) {
	}
}
