package io.livepulse.playback;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.livepulse.media.VideoService;
import io.livepulse.media.VideoStateChanged;

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

	VideoStreams(VideoService videos) {
		this.withVideo = Caffeine.newBuilder().maximumSize(10_000).refreshAfterWrite(Duration.ofSeconds(3))
			.expireAfterAccess(Duration.ofMinutes(10)).build(videos::hasVideoWithDeliveryLog);
		this.playing = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30))
			.build(videos::streamOfPlaybackId);
	}

	boolean hasVideo(long streamId) {
		return withVideo.get(streamId);
	}

	Optional<Long> streamOf(String playbackId) {
		return playing.get(playbackId);
	}

	@EventListener
	void on(VideoStateChanged changed) {
		withVideo.refresh(changed.streamId());
		playing.invalidateAll();
	}
}
