package io.livepulse.playback;

import java.time.Duration;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Sees a viewer's evidence complete: when a viewer whose last heartbeat was turned away (and heard within
 * {@link #RECENT}, so the page is still there) now has a fresh playlist and new segment, tells presence at once
 * ({@link ViewerBeganWatching}), so a player that starts or recovers counts as soon as it fetches.
 */
@Component
class WatchingBegan {

	/** A page heartbeats every 10 s: one heard within this is still open. */
	static final Duration RECENT = Duration.ofSeconds(12);

	private final ApplicationEventPublisher events;
	private final PlaybackProperties properties;

	WatchingBegan(ApplicationEventPublisher events, PlaybackProperties properties) {
		this.events = events;
		this.properties = properties;
	}

	void afterEvidence(long streamId, Watch watch, long now) {
		String viewerId = watch.uncountedViewer;
		if (viewerId == null || now - watch.heartbeatAt > RECENT.toMillis() || !watch.watching(now, properties.evidenceWindow())) {
			return;
		}
		synchronized (watch) {
			if (watch.uncountedViewer == null) {
				return; // told already
			}
			watch.uncountedViewer = null;
		}
		events.publishEvent(new ViewerBeganWatching(streamId, viewerId, watch.heartbeatAddress));
	}
}
