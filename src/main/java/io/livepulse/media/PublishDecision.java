package io.livepulse.media;

/** The answer to a media server asking whether an encoder may publish. */
record PublishDecision(boolean allowed, long streamId, String playbackId, String reason) {

	static PublishDecision allow(long streamId, String playbackId) {
		return new PublishDecision(true, streamId, playbackId, null);
	}

	static PublishDecision deny(String reason) {
		return new PublishDecision(false, 0, null, reason);
	}
}
