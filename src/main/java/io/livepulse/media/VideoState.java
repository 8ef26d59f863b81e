package io.livepulse.media;

/** What a viewer is told about a stream's video. */
enum VideoState {
	/** No encoder has published yet (or the stream went live from the browser without video). */
	NO_VIDEO,
	/** An encoder is publishing. */
	CONNECTED,
	/** The encoder dropped within the reconnect grace. */
	RECONNECTING,
	/** The encoder has been gone longer than the grace; the stream ends itself at its auto-end time. */
	OFFLINE,
	/** The stream has ended; recordings, if any, can be played. */
	ENDED
}
