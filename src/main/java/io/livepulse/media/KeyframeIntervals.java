package io.livepulse.media;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * How often each connected encoder sends a keyframe, read off its live HLS playlist every few seconds:
 * the media server cuts a fragment at the first keyframe after {@code hls_fragment} (1 s), so with
 * keyframes every second or more often fragments last about a second, and with sparser ones each lasts a
 * keyframe interval. The median fragment of the playlist is the interval (the first fragment of a publish
 * runs longer).
 * Viewers sit a couple of fragments behind the live edge, so sparse keyframes are seconds of delay; the
 * seller's console says so. Each node reads for itself; nothing is stored.
 */
@Component
class KeyframeIntervals implements SchedulingConfigurer {

	/** Above this the console asks for keyframes every second (2 s is OBS's default; a little slack for rounding). */
	static final double SPARSE_ABOVE_SECONDS = 2.2;
	private static final Pattern FRAGMENT = Pattern.compile("(?m)^#EXTINF:([0-9]+(?:\\.[0-9]+)?)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final MediaRepository repository;
	private final PlaybackIds playbackIds;
	private final MediaProperties properties;
	private volatile Map<String, Double> latest = Map.of();
	private final AtomicBoolean polling = new AtomicBoolean();

	KeyframeIntervals(MediaRepository repository, PlaybackIds playbackIds, MediaProperties properties) {
		this.repository = repository;
		this.playbackIds = playbackIds;
		this.properties = properties;
	}

	/** The keyframe interval in seconds of the stream playing under this playback id, once measured. */
	Optional<Double> of(String playbackId) {
		return Optional.ofNullable(latest.get(playbackId));
	}

	/**
	 * On a virtual thread of its own, one poll at a time: each poll asks for every playlist at once and waits at
	 * most 3 s, which a slow media server should cost no thread of the ticks' pool.
	 */
	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(() -> {
			if (polling.compareAndSet(false, true)) {
				Thread.ofVirtual().name("keyframe-intervals").start(() -> {
					try {
						poll();
					}
					finally {
						polling.set(false);
					}
				});
			}
		}, properties.nginxRtmp().statInterval());
	}

	void poll() {
		Map<String, CompletableFuture<Optional<Double>>> reads = new HashMap<>();
		for (EncoderSession session : repository.connectedSessions()) {
			if (session.server() == MediaServer.NGINX_RTMP) {
				String playbackId = playbackIds.currentOf(session.streamId());
				reads.put(playbackId, read(properties.hlsBaseUrl() + "/" + playbackId + "/index.m3u8")
					.thenApply(playlist -> playlist.flatMap(KeyframeIntervals::medianFragment)));
			}
		}
		Map<String, Double> measured = new HashMap<>();
		reads.forEach((playbackId, read) -> read.completeOnTimeout(Optional.empty(), 3, TimeUnit.SECONDS).join()
			.ifPresent(seconds -> measured.put(playbackId, seconds)));
		latest = Map.copyOf(measured);
	}

	/** The playlist, or nothing: it appears a few seconds after the encoder connects, and the next poll reads it. */
	private CompletableFuture<Optional<String>> read(String url) {
		return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
				HttpResponse.BodyHandlers.ofString())
			.thenApply(response -> response.statusCode() == 200 ? Optional.of(response.body()) : Optional.<String>empty())
			.exceptionally(unreadable -> Optional.empty());
	}

	/** The median {@code #EXTINF} duration of an HLS media playlist, rounded to a tenth of a second. */
	static Optional<Double> medianFragment(String playlist) {
		Matcher fragment = FRAGMENT.matcher(playlist);
		List<Double> durations = new ArrayList<>();
		while (fragment.find()) {
			durations.add(Double.parseDouble(fragment.group(1)));
		}
		if (durations.isEmpty()) {
			return Optional.empty();
		}
		Collections.sort(durations);
		double median = durations.get(durations.size() / 2);
		return Optional.of(Math.round(median * 10) / 10.0);
	}
}
