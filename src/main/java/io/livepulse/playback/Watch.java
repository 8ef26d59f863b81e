package io.livepulse.playback;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One viewer key's playback on one stream, as this node heard it: what {@link PlaybackEvidence} keeps. */
final class Watch {

	volatile long playlistAt;
	volatile long segmentAt;
	volatile long heartbeatAt;
	volatile String lastSegment = "";
	volatile String userAgent = "";
	volatile String heartbeatAddress = "";
	volatile boolean webRtc;
	/** The viewer id of a heartbeat that was turned away, until the viewer counts (in memory only). */
	volatile String uncountedViewer;
	final Set<String> fetchedFrom = ConcurrentHashMap.newKeySet();

	long lastSeen() {
		return Math.max(heartbeatAt, Math.max(playlistAt, segmentAt));
	}

	/** Fetched the playlist and a whole new live segment within the window, by this node's clock. */
	boolean watching(long now, Duration window) {
		return now - playlistAt <= window.toMillis() && now - segmentAt <= window.toMillis();
	}
}
