package io.livepulse.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.NginxRtmp;
import io.livepulse.support.RealVideoTest;
import io.livepulse.support.ShiftableClock;

/**
 * Real video, end to end: the shipped nginx-rtmp configuration in a real nginx, real ffmpeg as the
 * encoder, and the service's hooks. The reconnect grace is shortened to 1 s; the auto-end (10 minutes) is
 * reached by moving the service's clock, not waited for (a 4 s auto-end raced a reconnecting ffmpeg on a
 * busy machine).
 */
@ExtendWith(OutputCaptureExtension.class)
class MediaEndToEndTests extends RealVideoTest {

	private static NginxRtmp nginx;

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	ApiClient api;
	String seller;
	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeEach
	void startMediaServerOnce() {
		api = new ApiClient(port);
		seller = api.token("seller-1", "SELLER", 456L);
		if (nginx == null) {
			nginx = NginxRtmp.start(port, RTMP_PORT, HTTP_PORT, PLAYBACK_LOG_PORT);
		}
	}

	@AfterEach
	void resetClock() {
		((ShiftableClock) clock).reset();
	}

	@AfterAll
	static void stopMediaServer() {
		if (nginx != null) {
			nginx.close();
		}
	}

	long createdStream(String title) {
		return api.post("/api/streams", seller, "{\"title\":\"" + title + "\"}").json().get("id").asLong();
	}

	String keyOf(long id) {
		return api.get("/api/streams/" + id + "/key", seller).json().get("streamKey").asString();
	}

	ApiClient.Response video(long id) {
		return api.get("/api/streams/" + id + "/video", null);
	}

	String state(long id) {
		return video(id).json().get("state").asString();
	}

	HttpResponse<String> fetch(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void anEncoderGoesLiveServesHlsUnderThePlaybackIdReconnectsAndTheStreamEndsItselfWithARecording(CapturedOutput output)
			throws Exception {
		long id = createdStream("Real video");
		String key = keyOf(id);

		Process wrongKey = nginx.publish("vendor_456_1700000000_" + "a".repeat(26), 3);
		assertThat(wrongKey.waitFor(15, TimeUnit.SECONDS)).isTrue();
		assertThat(wrongKey.exitValue()).as("ffmpeg with a wrong key").isNotZero();

		// long enough for a loaded machine to see the playlist with a fragment before the publish ends
		Process encoder = nginx.publish(key, 12);
		await().atMost(Duration.ofMillis(10_000)).untilAsserted(() -> assertThat(state(id)).isEqualTo("CONNECTED"));
		assertThat(api.get("/api/streams/" + id, null).json().get("status").asString()).isEqualTo("LIVE");
		String hlsUrl = video(id).json().get("hlsUrl").asString();
		await().atMost(Duration.ofMillis(10_000)).untilAsserted(() -> {
			try {
				HttpResponse<String> playlist = fetch(hlsUrl);
				assertThat(playlist.statusCode()).isEqualTo(200);
				assertThat(playlist.body()).startsWith("#EXTM3U").contains(".ts");
			}
			catch (Exception unreachable) {
				throw new AssertionError(unreachable);
			}
		});
		assertThat(hlsUrl).doesNotContain(key);
		assertThat(nginx.filesMentioning(key)).as("files under the media server's prefix naming the key").isEmpty();

		assertThat(encoder.waitFor(40, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofMillis(5_000)).untilAsserted(() -> assertThat(state(id)).isIn("RECONNECTING", "OFFLINE"));

		Process resumed = nginx.publish(key, 6);
		await().atMost(Duration.ofMillis(10_000)).untilAsserted(() -> assertThat(state(id)).isEqualTo("CONNECTED"));
		assertThat(video(id).json().get("hlsUrl").asString()).as("the same playback id after a reconnect").isEqualTo(hlsUrl);
		assertThat(resumed.waitFor(30, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofMillis(5_000)).untilAsserted(() -> assertThat(state(id)).isIn("RECONNECTING", "OFFLINE"));
		((ShiftableClock) clock).advance(Duration.ofMinutes(10));

		// ending is two steps (ADR 0013): ENDED first, then the final metrics, a moment later
		await().atMost(Duration.ofMillis(15_000)).untilAsserted(() -> {
			var stream = api.get("/api/streams/" + id, seller).json();
			assertThat(stream.get("status").asString()).as("ended by itself after the auto-end delay").isEqualTo("ENDED");
			assertThat(stream.get("results")).as("final metrics").isNotNull();
		});
		assertThat(api.get("/api/replays", seller).body()).contains("\"streamId\":" + id + ",");
		await().atMost(Duration.ofMillis(10_000)).untilAsserted(() -> assertThat(video(id).json().get("recordings").size()).isEqualTo(2));
		String recording = video(id).json().get("recordings").get(0).get("url").asString();
		HttpResponse<String> mp4 = fetch(recording);
		assertThat(mp4.statusCode()).isEqualTo(200);
		assertThat(mp4.headers().firstValue("Content-Type")).hasValue("video/mp4");
		assertThat(recording).doesNotContain(key);
		assertThat(nginx.filesMentioning(key)).isEmpty();
		assertThat(nginx.filesMentioning(NginxRtmp.HOOK_SECRET)).as("the hook secret outside nginx's config and its secret file (webrtc-feed.log too)")
			.isEmpty();
		assertThat(output.getAll()).as("the service's log").doesNotContain(key)
			.doesNotContain(NginxRtmp.HOOK_SECRET);
	}

	@Test
	void rotatingTheKeyOfALiveStreamCutsTheEncoderAndTheOldKeyStaysRefused() throws Exception {
		long id = createdStream("Leaked key");
		String key = keyOf(id);
		Process encoder = nginx.publish(key, 60);
		await().atMost(Duration.ofMillis(10_000)).untilAsserted(() -> assertThat(state(id)).isEqualTo("CONNECTED"));

		api.post("/api/streams/" + id + "/key/rotate", seller, null);

		assertThat(encoder.waitFor(8, TimeUnit.SECONDS)).as("the encoder was cut").isTrue();
		Process again = nginx.publish(key, 3);
		assertThat(again.waitFor(15, TimeUnit.SECONDS)).isTrue();
		assertThat(again.exitValue()).as("a publish with the rotated key").isNotZero();
		assertThat(api.get("/api/streams/" + id, null).json().get("status").asString()).isEqualTo("LIVE");
		api.post("/api/streams/" + id + "/end", seller, null);
	}

	@Test
	void endingAStreamFromTheConsoleCutsItsEncoder() throws Exception {
		long id = createdStream("Ended by the seller");
		Process encoder = nginx.publish(keyOf(id), 60);
		await().atMost(Duration.ofMillis(10_000)).untilAsserted(() -> assertThat(state(id)).isEqualTo("CONNECTED"));

		api.post("/api/streams/" + id + "/end", seller, null);

		assertThat(encoder.waitFor(8, TimeUnit.SECONDS)).as("the encoder was cut").isTrue();
		assertThat(state(id)).isEqualTo("ENDED");
	}

	@Test
	void theSellerSeesTheConnectionAndItsHealthAndTheHomePageItsLatestFrameUntilItEnds() throws Exception {
		long id = createdStream("Health");
		Process encoder = nginx.publish(keyOf(id), 30);
		try {
			await().atMost(Duration.ofMillis(25_000)).untilAsserted(() -> {
				var media = api.get("/api/streams/" + id + "/media", seller).json();
				assertThat(media.get("video").get("state").asString()).isEqualTo("CONNECTED");
				assertThat(media.path("health").path("bitrateKbps").asLong()).isPositive();
				assertThat(media.path("health").path("width").asInt()).isEqualTo(320);
				assertThat(media.path("health").path("height").asInt()).isEqualTo(240);
				assertThat(media.path("health").path("frameRate").asDouble()).isEqualTo(25.0);
				// a keyframe every 25 frames: fragments of a second, nothing to warn of
				assertThat(media.path("health").path("keyframeIntervalSeconds").asDouble()).isBetween(0.9, 1.2);
				assertThat(media.path("health").path("sparseKeyframes").asBoolean()).isFalse();
			});
			assertThat(api.get("/api/admin/media", api.token("admin", "ADMIN", null)).json().get(String.valueOf(id))
				.asString()).isEqualTo("CONNECTED");

			// the home page's card shows the media server's latest frame, named by the playback id
			String playbackId = api.get("/api/streams/" + id + "/media", seller).json().get("playbackId").asString();
			String thumbnail = nginx.httpBase() + "/thumbs/" + playbackId + ".jpg";
			// (its first frame comes 6-8 s after the publish here, then one every 5 s)
			await().atMost(Duration.ofMillis(20_000)).untilAsserted(() -> {
				assertThat(liveNowEntry(id).path("thumbnailUrl").asString()).isEqualTo(thumbnail);
				HttpResponse<byte[]> picture = http.send(HttpRequest.newBuilder(URI.create(thumbnail)).build(),
						HttpResponse.BodyHandlers.ofByteArray());
				assertThat(picture.statusCode()).isEqualTo(200);
				assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/jpeg");
				java.awt.image.BufferedImage frame = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(picture.body()));
				assertThat(frame).as("a whole JPEG").isNotNull();
				assertThat(frame.getWidth()).isEqualTo(480);
				assertThat(frame.getHeight()).isEqualTo(360);
			});
		}
		finally {
			encoder.destroy();
			api.post("/api/streams/" + id + "/end", seller, null);
		}
		// gone with the stream: no frame of an ended show stays on the media server
		await().atMost(Duration.ofMillis(10_000)).untilAsserted(() -> {
			try (var left = java.nio.file.Files.list(nginx.prefix().resolve("thumbs"))) {
				assertThat(left.toList()).isEmpty();
			}
		});
		assertThat(liveNowEntry(id).isMissingNode()).as("no longer listed").isTrue();
	}

	@Test
	void anEncoderSendingAKeyframeEvery4SecondsIsToldItsViewersAreThatMuchLater() throws Exception {
		long id = createdStream("Sparse keyframes");
		Process encoder = nginx.publish(keyOf(id), 25, 100);
		try {
			await().atMost(Duration.ofMillis(25_000)).untilAsserted(() -> {
				var health = api.get("/api/streams/" + id + "/media", seller).json().path("health");
				assertThat(health.path("keyframeIntervalSeconds").asDouble()).isBetween(3.6, 4.6);
				assertThat(health.path("sparseKeyframes").asBoolean()).isTrue();
			});
		}
		finally {
			encoder.destroy();
			api.post("/api/streams/" + id + "/end", seller, null);
		}
	}

	private tools.jackson.databind.JsonNode liveNowEntry(long id) {
		for (var entry : api.get("/api/live-now", null).json()) {
			if (entry.get("id").asLong() == id) {
				return entry;
			}
		}
		return tools.jackson.databind.node.MissingNode.getInstance();
	}
}
