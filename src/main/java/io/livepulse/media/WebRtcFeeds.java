package io.livepulse.media;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.ThrottledLog;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamService;
import jakarta.annotation.PreDestroy;

/**
 * The WebRTC side of a live stream: when the media server starts feeding a stream ({@code media/webrtc-feed.sh}
 * through the webrtc-feed hook), its Janus mountpoint is made; when the stream's video stops, the stream
 * ends or its key is rotated (a new playback id), the mountpoint goes. Janus is never called on a viewer's
 * request: pages talk to Janus themselves.
 */
@Service
class WebRtcFeeds {

	private static final Logger log = LoggerFactory.getLogger(WebRtcFeeds.class);

	private final JanusMountpoints janus;
	private final MediaRepository repository;
	private final StreamService streams;
	private final MediaProperties properties;
	private final ThrottledLog unavailable = new ThrottledLog(log, Duration.ofMinutes(1));
	// playback id -> stream id of the mountpoints this node made
	private final Map<String, Long> mountpoints = new ConcurrentHashMap<>();
	// one call to Janus at a time, in order: a quick reconnect's new mountpoint is never removed by the
	// removal the drop before it queued
	private final ExecutorService janusCalls = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("janus-calls").factory());

	WebRtcFeeds(JanusMountpoints janus, MediaRepository repository, StreamService streams, MediaProperties properties) {
		this.janus = janus;
		this.repository = repository;
		this.streams = streams;
		this.properties = properties;
	}

	/**
	 * A mountpoint for the live stream with this playback id, and where to feed it; empty when WebRTC is off.
	 * Refuses ids that are not a live stream's current one (404) and answers 503 when Janus is unreachable.
	 */
	Optional<JanusMountpoints.FeedPorts> feed(String playbackId) {
		if (!properties.webrtc().enabled()) {
			return Optional.empty();
		}
		long streamId = repository.findPlaybackId(playbackId)
			.filter(MediaRepository.PlaybackId::current)
			.filter(id -> streams.find(id.streamId()).map(stream -> stream.isLive()).orElse(false))
			.orElseThrow(() -> ApiProblem.notFound("No live stream has this playback id."))
			.streamId();
		// known before it is made: a drop that comes while Janus is asked still finds it to remove (queued after)
		mountpoints.put(playbackId, streamId);
		try {
			JanusMountpoints.FeedPorts ports = janusCalls.submit(() -> janus.create(playbackId)).get();
			log.info("Stream {} has a WebRTC mountpoint", streamId);
			return Optional.of(ports);
		}
		catch (ExecutionException failed) {
			unavailable.warn("No WebRTC for live streams: {} (viewers play HLS)", failed.getCause().getMessage());
			throw ApiProblem.serviceUnavailable("Janus is not available; viewers play HLS.");
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw ApiProblem.serviceUnavailable("Interrupted while asking Janus for a mountpoint.");
		}
	}

	@EventListener
	void on(VideoStateChanged changed) {
		if (changed.state() != VideoState.CONNECTED) {
			removeMountpointsOf(changed.streamId());
		}
	}

	@EventListener
	void on(StreamEnded ended) {
		removeMountpointsOf(ended.streamId());
	}

	/**
	 * Queued: ending a stream or taking a hook never waits on Janus. The stream's current playback id is removed
	 * too, so a mountpoint another node (or this one before a restart) made does not outlive its stream; removing
	 * one that is gone is fine.
	 */
	private void removeMountpointsOf(long streamId) {
		if (!properties.webrtc().enabled()) {
			return;
		}
		Set<String> gone = new HashSet<>();
		repository.currentPlaybackId(streamId).ifPresent(gone::add);
		mountpoints.forEach((playbackId, owner) -> {
			if (owner == streamId && mountpoints.remove(playbackId, owner)) {
				gone.add(playbackId);
			}
		});
		for (String playbackId : gone) {
			janusCalls.execute(() -> {
				try {
					janus.destroy(playbackId);
				}
				catch (JanusHttp.Unavailable failed) {
					unavailable.warn("A WebRTC mountpoint was not removed: {}", failed.getMessage());
				}
			});
		}
	}

	@PreDestroy
	void close() {
		janusCalls.shutdown();
	}
}
