package io.livepulse.media;

import java.time.Instant;
import java.util.List;

/**
 * A stream's video as anyone who may see the stream sees it: its state, the HLS address and (when Janus
 * serves it) the WebRTC mountpoint while it is live, and the recordings once it ended. Never the key.
 */
record VideoView(long streamId, VideoState state, String hlsUrl, WebRtcPlayback webrtc, Instant reconnectingUntil,
		Instant autoEndsAt, List<RecordingView> recordings) {

	public record RecordingView(String url, Instant recordedAt) {
	}

	/**
	 * Where a browser plays the stream over WebRTC: Janus's HTTP API, the mountpoint (the playback id), and
	 * the STUN/TURN servers to reach it through.
	 */
	public record WebRtcPlayback(String url, String mountpoint, List<IceServer> iceServers) {
	}

	/** As a browser's {@code RTCIceServer}. */
	public record IceServer(List<String> urls, String username, String credential) {
	}
}
