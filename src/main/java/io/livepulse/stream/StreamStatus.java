package io.livepulse.stream;

/** CREATED -> LIVE -> ENDED, or CREATED -> ENDED for a stream that never went live. */
public enum StreamStatus {
	CREATED, LIVE, ENDED
}
