package io.livepulse.media;

import java.time.Instant;

/** A stream's current (or last) encoder session, as stored. */
record EncoderSession(long streamId, MediaServer server, String clientId, State state, Instant connectedAt,
		Instant lastSeenAt, Instant disconnectedAt) {

	enum State {
		CONNECTED, DISCONNECTED, ENDED
	}

	boolean isConnected() {
		return state == State.CONNECTED;
	}

	boolean isClient(MediaServer server, String clientId) {
		return this.server == server && this.clientId.equals(clientId);
	}
}
