package io.livepulse.stream;

/** LIVE streams are public and always honest; REHEARSAL streams are private practice runs that may carry a simulated audience. */
public enum StreamMode {
	LIVE, REHEARSAL
}
