package io.livepulse.playback;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;

import io.livepulse.media.WebRtcMediaFlowed;
import io.livepulse.stream.StreamEnded;

/**
 * The gate a heartbeat passes before it counts. On a stream with video, while this node hears the media server's
 * delivery log, a viewer counts only while their player fetches the video (the playlist and a whole new live
 * segment within {@code evidence-window}); on a stream without video every heartbeating viewer counts, as before.
 * Wherever this node hears the delivery log, each heartbeat hands the viewer a fresh playback token for their
 * player's requests (also before the stream has video: a page open before go-live then plays with it at once).
 */
@Service
public class VerifiedViewers implements SchedulingConfigurer {

	/**
	 * What a heartbeat gets: whether it counts, and the token the player adds to the video's requests (null where no
	 * delivery is heard of; a stream without video yet gets one, but holds nothing in memory for its viewers).
	 */
	public record Admission(boolean counts, @Nullable String playbackToken) {
	}

	private final PlaybackTokens tokens;
	private final PlaybackEvidence evidence;
	private final VideoStreams videos;
	private final PlaybackLogReceiver receiver;
	private final PlaybackProperties properties;
	private final Clock clock;

	VerifiedViewers(PlaybackTokens tokens, PlaybackEvidence evidence, VideoStreams videos, PlaybackLogReceiver receiver,
			PlaybackProperties properties, Clock clock) {
		this.tokens = tokens;
		this.evidence = evidence;
		this.videos = videos;
		this.receiver = receiver;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(() -> evidence.forgetSilent(clock.millis()), Duration.ofSeconds(30));
	}

	public Admission admit(long streamId, String viewerId, String address, long nowMillis) {
		if (!hearsDeliveries()) {
			return new Admission(true, null);
		}
		// a token even before the stream has video: a page open before the seller starts it plays with one at once
		PlaybackTokens.Minted minted = tokens.mint(streamId, viewerId, address, nowMillis);
		if (!videos.hasVideo(streamId)) {
			return new Admission(true, minted.token());
		}
		Watch watch = evidence.heartbeat(streamId, minted.viewerKey(), address, nowMillis);
		boolean counts = evidence.watching(streamId, minted.viewerKey(), nowMillis, properties.evidenceWindow());
		watch.uncountedViewer = counts ? null : viewerId;
		return new Admission(counts, minted.token());
	}

	/** The viewer left the stream (their page said so): a late fetch of theirs does not count them again. */
	public void left(long streamId, String viewerId) {
		if (hearsDeliveries()) {
			evidence.left(streamId, tokens.viewerKey(viewerId));
		}
	}

	/**
	 * A token for a viewer not counted yet (a device issued with this answer), so its player fetches with it at once;
	 * null where no delivery is heard of.
	 */
	public @Nullable String token(long streamId, String viewerId, String address, long nowMillis) {
		return hearsDeliveries() ? tokens.mint(streamId, viewerId, address, nowMillis).token() : null;
	}

	/** How the stream's viewers are counted now, and how many pages this node hears without a player fetching. */
	public ViewerCounting counting(long streamId) {
		if (!verifies(streamId)) {
			return new ViewerCounting(false, 0);
		}
		long now = clock.millis();
		long presentSince = now - PlaybackReports.PRESENT_WITHIN.toMillis();
		long notWatching = evidence.watchesOf(streamId).values().stream()
			.filter(watch -> watch.heartbeatAt >= presentSince && !watch.watching(now, properties.evidenceWindow())).count();
		return new ViewerCounting(true, (int) notWatching);
	}

	/** Whether viewers of this stream count only while they fetch its video. */
	public boolean verifies(long streamId) {
		return hearsDeliveries() && videos.hasVideo(streamId);
	}

	private boolean hearsDeliveries() {
		return properties.verifyViewers() && receiver.listening();
	}

	@EventListener
	void on(WebRtcMediaFlowed flowed) {
		long now = clock.millis();
		flowed.sessions().forEach(session -> evidence.webRtc(session.name(), session.mountpoint(), session.peerAddress(), session.relayed(), now));
	}

	@EventListener
	void on(StreamEnded ended) {
		evidence.forget(ended.streamId());
	}
}
