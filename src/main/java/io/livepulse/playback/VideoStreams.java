package io.livepulse.playback;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.livepulse.media.VideoService;
import io.livepulse.media.VideoStateChanged;
import io.livepulse.shared.TokenBuckets;

/**
 * Which streams have video whose delivery LivePulse hears of (published through nginx-rtmp) and which stream a
 * playback id plays, from the media module, held a while: a heartbeat
 * asks on every request, so the answer is in memory (looked up again in the background every few seconds, and at
 * once when the stream's video changes).
 */
@Component
class VideoStreams {

	private final LoadingCache<Long, Boolean> withVideo;
	private final LoadingCache<String, Optional<Long>> playing;
	private static final int LOOKUPS_PER_SECOND = 20;
	private final TokenBuckets lookups = new TokenBuckets(1, Duration.ofMinutes(1));

	VideoStreams(VideoService videos) {
		this.withVideo = Caffeine.newBuilder().maximumSize(10_000).refreshAfterWrite(Duration.ofSeconds(3))
			.expireAfterAccess(Duration.ofMinutes(10)).build(videos::hasVideoWithDeliveryLog);
		this.playing = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30))
			.build(videos::streamOfPlaybackId);
	}

	boolean hasVideo(long streamId) {
		return withVideo.get(streamId);
	}

	/**
	 * The stream this playback id plays; an id not held is looked up at most {@link #LOOKUPS_PER_SECOND} times a
	 * second (the log's reader must not wait on the database for every made-up id a client requests), else it
	 * counts as no stream until a later line.
	 */
	Optional<Long> streamOf(String playbackId) {
		Optional<Long> held = playing.getIfPresent(playbackId);
		if (held != null) {
			return held;
		}
		return lookups.tryAcquire("lookups", LOOKUPS_PER_SECOND, LOOKUPS_PER_SECOND, System.nanoTime())
				? playing.get(playbackId) : Optional.empty();
	}

	@EventListener
	void on(VideoStateChanged changed) {
		withVideo.refresh(changed.streamId());
		playing.invalidateAll();
	}
}
