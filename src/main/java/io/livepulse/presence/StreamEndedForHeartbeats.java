package io.livepulse.presence;

/** Thrown by PresenceExchange when a heartbeat comes for a stream that ended: heartbeats are refused. */
final class StreamEndedForHeartbeats extends RuntimeException {

	StreamEndedForHeartbeats() {
		super(null, null, false, false);
	}
}
