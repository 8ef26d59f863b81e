package io.livepulse.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.NginxRtmp;
import io.livepulse.support.ShiftableClock;
import io.livepulse.support.SseClient;

/**
 * The media hooks as each media server calls them, with their documented payloads: nginx-rtmp's form
 * posts (2xx allow, 3xx rename, else deny), MediaMTX's HTTP auth (2xx allows) and SRS's http_hooks
 * (HTTP 200 with code 0 allows). The same rules behind all three.
 */
@LivePulseH2Test
class MediaHooksContractTests {

	static final String SECRET = NginxRtmp.HOOK_SECRET;
	static final String NGINX = "/api/media/nginx-rtmp";

	@LocalServerPort
	int port;

	@Autowired
	MediaRepository repository;

	@Autowired
	ShiftableClock clock;

	ApiClient api;
	String seller;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		seller = api.token("seller-1", "SELLER", 456L);
	}

	long createdStream(String title) {
		return api.post("/api/streams", seller, "{\"title\":\"" + title + "\"}").json().get("id").asLong();
	}

	String keyOf(long id) {
		return api.get("/api/streams/" + id + "/key", seller).json().get("streamKey").asString();
	}

	String status(long id) {
		return api.get("/api/streams/" + id, null).json().get("status").asString();
	}

	JsonView video(long id) {
		return new JsonView(api.get("/api/streams/" + id + "/video", null));
	}

	record JsonView(Response response) {
		String state() {
			return response.json().get("state").asString();
		}
	}

	Response nginx(String hook, String form) {
		return api.postForm(NGINX + "/" + hook + "?secret=" + SECRET, form);
	}

	static String form(String call, String key, int clientId) {
		return "call=" + call + "&app=ingest&name=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&clientid=" + clientId
				+ "&addr=127.0.0.1&tcurl=rtmp%3A%2F%2F127.0.0.1%2Fingest&type=live";
	}

	@Test
	void nginxPublishWithAValidKeyGoesLiveAndRenamesTheStreamToItsPlaybackId() {
		long id = createdStream("Hooked");
		String key = keyOf(id);

		Response publish = nginx("publish", form("publish", key, 11));

		assertThat(publish.status()).isEqualTo(302);
		String playbackId = publish.header("Location");
		assertThat(playbackId).matches("[0-9a-f]{32}").doesNotContain(key);
		assertThat(status(id)).isEqualTo("LIVE");
		Response video = api.get("/api/streams/" + id + "/video", null);
		assertThat(video.json().get("state").asString()).isEqualTo("CONNECTED");
		assertThat(video.json().get("hlsUrl").asString()).endsWith("/" + playbackId + "/index.m3u8");
		assertThat(video.body()).doesNotContain(key);
	}

	@Test
	void nginxHooksRefuseAMissingOrWrongSecretAndChangeNothing() {
		long id = createdStream("Guarded");
		String key = keyOf(id);

		Response noSecret = api.postForm(NGINX + "/publish", form("publish", key, 1));
		Response wrongSecret = api.postForm(NGINX + "/publish?secret=" + SECRET.replace('0', '1'), form("publish", key, 1));

		assertThat(noSecret.status()).isEqualTo(403);
		assertThat(noSecret.isProblem()).isTrue();
		assertThat(wrongSecret.status()).isEqualTo(403);
		assertThat(status(id)).isEqualTo("CREATED");
	}

	@Test
	void unknownRotatedAndEndedKeysAreRefused() {
		long id = createdStream("Refusals");
		String oldKey = keyOf(id);
		String newKey = api.post("/api/streams/" + id + "/key/rotate", seller, null).json().get("streamKey").asString();

		assertThat(nginx("publish", form("publish", "vendor_456_1_" + "x".repeat(26), 1)).status()).isEqualTo(403);
		assertThat(nginx("publish", form("publish", oldKey, 2)).status()).as("rotated key").isEqualTo(403);
		assertThat(status(id)).isEqualTo("CREATED");

		api.post("/api/streams/" + id + "/end", seller, null);
		Response ended = nginx("publish", form("publish", newKey, 3));
		assertThat(ended.status()).isEqualTo(403);
		assertThat(ended.body()).contains("has ended");
	}

	@Test
	void aSecondEncoderIsRefusedAndItsPublishDoneDoesNotTouchTheRunningStream() {
		long id = createdStream("Two encoders");
		String key = keyOf(id);
		assertThat(nginx("publish", form("publish", key, 21)).status()).isEqualTo(302);

		assertThat(nginx("publish", form("publish", key, 22)).status()).isEqualTo(403);
		assertThat(nginx("publish-done", form("publish_done", key, 22)).status()).isEqualTo(204);

		assertThat(video(id).state()).isEqualTo("CONNECTED");
		assertThat(nginx("update", form("update_publish", key, 21)).status()).isEqualTo(204);
	}

	@Test
	void anEncoderDropShowsReconnectingAndANewPublishResumes() {
		long id = createdStream("Drop and resume");
		String key = keyOf(id);
		String playbackId = nginx("publish", form("publish", key, 31)).header("Location");

		nginx("publish-done", form("publish_done", key, 31));
		Response dropped = api.get("/api/streams/" + id + "/video", null);
		assertThat(dropped.json().get("state").asString()).isEqualTo("RECONNECTING");
		assertThat(dropped.json().get("autoEndsAt").asString()).isNotBlank();
		assertThat(status(id)).isEqualTo("LIVE");

		Response again = nginx("publish", form("publish", key, 32));
		assertThat(again.status()).isEqualTo(302);
		assertThat(again.header("Location")).isEqualTo(playbackId);
		assertThat(video(id).state()).isEqualTo("CONNECTED");
	}

	@Test
	void viewersAreToldTheVideoIsOfflineOnceTheReconnectGraceRunsOutWhateverTheirDevicesClock() throws Exception {
		long id = createdStream("Grace runs out");
		String key = keyOf(id);
		nginx("publish", form("publish", key, 35));
		try (SseClient events = SseClient.open("http://127.0.0.1:" + port + "/api/streams/" + id + "/events")) {
			nginx("publish-done", form("publish_done", key, 35));
			events.awaitEvent("video", 5_000, event -> event.data().contains("RECONNECTING"));
			// past the 60-s grace by the service's clock only: a page's own timer would not get there
			clock.advance(Duration.ofSeconds(61));
			assertThat(events.awaitEvent("video", 12_000, event -> event.data().contains("OFFLINE")).data())
				.contains("\"streamId\":" + id);
			assertThat(video(id).state()).isEqualTo("OFFLINE");
		}
		finally {
			clock.reset();
		}
	}

	@Test
	void updatesCutAnEncoderWhoseKeyWasRotatedOrWhoseStreamEndedButNeverTheHlsPush() {
		long id = createdStream("Cut");
		String key = keyOf(id);
		nginx("publish", form("publish", key, 41));
		String playbackId = api.get("/api/streams/" + id + "/media", seller).json().get("playbackId").asString();

		assertThat(nginx("update", "call=update_play&app=&name=" + playbackId + "&clientid=43").status())
			.as("the relay into the HLS application").isEqualTo(204);

		api.post("/api/streams/" + id + "/key/rotate", seller, null);
		assertThat(nginx("update", form("update_publish", key, 41)).status()).isEqualTo(403);
		assertThat(nginx("publish", form("publish", key, 42)).status()).as("the old key after rotation").isEqualTo(403);
		String newPlaybackId = api.get("/api/streams/" + id + "/media", seller).json().get("playbackId").asString();
		assertThat(newPlaybackId).as("the playback id is rotated with the key").isNotEqualTo(playbackId);

		String newKey = keyOf(id);
		assertThat(nginx("publish", form("publish", newKey, 44)).header("Location")).isEqualTo(newPlaybackId);
		api.post("/api/streams/" + id + "/end", seller, null);
		assertThat(nginx("update", form("update_publish", newKey, 44)).status()).isEqualTo(403);
		assertThat(video(id).state()).isEqualTo("ENDED");
	}

	@Test
	void aFinishedRecordingIsAttachedToItsStreamAndShownOnceItEnded() {
		long id = createdStream("Recorded");
		String playbackId = nginx("publish", form("publish", keyOf(id), 51)).header("Location");
		String file = playbackId + "-1796100177.mp4";

		assertThat(nginx("record-done", "name=" + playbackId + "&file=" + file).status()).isEqualTo(204);
		assertThat(nginx("record-done", "name=" + playbackId + "&file=../../etc/passwd").status()).isEqualTo(400);
		assertThat(nginx("record-done", "name=" + "0".repeat(32) + "&file=" + "0".repeat(32) + "-1.mp4").status())
			.isEqualTo(404);
		api.post("/api/streams/" + id + "/end", seller, "{\"save\":true}");

		Response video = api.get("/api/streams/" + id + "/video", null);
		assertThat(video.json().get("state").asString()).isEqualTo("ENDED");
		assertThat(video.json().get("recordings").get(0).get("url").asString()).endsWith("/recordings/" + file);
	}

	@Test
	void theWebRtcFeedHookServesOnlyALiveStreamsCurrentPlaybackIdAndSaysWhenJanusIsAway() {
		long id = createdStream("Real time");
		String key = keyOf(id);
		Response unknown = nginx("webrtc-feed", "name=0123456789abcdef0123456789abcdef");
		nginx("publish", form("publish", key, 31));
		String playbackId = repository.currentPlaybackId(id).orElseThrow();

		Response noSecret = api.postForm(NGINX + "/webrtc-feed", "name=" + playbackId);
		Response byKey = nginx("webrtc-feed", "name=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
		Response noName = nginx("webrtc-feed", "");
		// this context's Janus address has nothing listening
		Response janusAway = nginx("webrtc-feed", "name=" + playbackId);
		var webrtc = video(id).response().json().get("webrtc");
		api.post("/api/streams/" + id + "/end", seller, "{\"save\":false}");
		Response ended = nginx("webrtc-feed", "name=" + playbackId);

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(ended.status()).as("an ended stream").isEqualTo(404);
		assertThat(noSecret.status()).isEqualTo(403);
		assertThat(byKey.status()).as("a stream key is no playback id").isIn(400, 404);
		assertThat(noName.status()).isEqualTo(400);
		assertThat(janusAway.status()).isEqualTo(503);
		for (Response refused : new Response[] { unknown, ended, noSecret, byKey, noName, janusAway }) {
			assertThat(refused.isProblem()).as(refused.body()).isTrue();
		}
		assertThat(webrtc.get("mountpoint").asString()).isEqualTo(playbackId);
		assertThat(webrtc.get("url").asString()).isEqualTo("http://127.0.0.1:9/janus");
		assertThat(webrtc.toString()).doesNotContain(key);
		assertThat(video(id).response().json().has("webrtc")).as("no WebRTC once ended").isFalse();
	}

	@Test
	void malformedHookInputGetsAProblemAndChangesNothing() {
		long id = createdStream("Garbage");
		String key = keyOf(id);

		Response noName = nginx("publish", "call=publish&app=ingest&clientid=1");
		Response controlCharacters = nginx("publish", "call=publish&app=ingest&clientid=1&name=" + key + "%0A");
		Response otherApp = nginx("publish", form("publish", key, 1).replace("app=ingest", "app=hls"));
		Response mediaMtxGarbage = api.exchange("POST", "/api/media/mediamtx/auth?secret=" + SECRET, null, "{\"action\":",
				"application/json", java.util.Map.of());

		for (Response refused : new Response[] { noName, controlCharacters, otherApp, mediaMtxGarbage }) {
			assertThat(refused.status()).isBetween(400, 403);
			assertThat(refused.isProblem()).as(refused.body()).isTrue();
		}
		assertThat(status(id)).isEqualTo("CREATED");
	}

	@Test
	void mediaMtxAllowsAPublishUnderThePlaybackIdWithTheKeyAndLetsReadersReadOnlyLiveStreams() {
		long id = createdStream("MediaMTX");
		String key = keyOf(id);
		String playbackId = api.get("/api/streams/" + id + "/media", seller).json().get("playbackId").asString();

		Response underTheKey = mediaMtx("publish", "live/" + key, "", "key=" + key, "c1");
		Response wrongKey = mediaMtx("publish", "live/" + playbackId, "", "key=vendor_456_1_nope", "c1");
		Response readBeforeLive = mediaMtx("read", "live/" + playbackId, "", "", "r1");
		Response publish = mediaMtx("publish", "live/" + playbackId, key, "", "c2");
		Response read = mediaMtx("read", "live/" + playbackId, "", "", "r2");
		Response api = mediaMtx("api", "", "", "", "x");

		assertThat(underTheKey.status()).as("a path holding the key would put it in HLS URLs").isEqualTo(403);
		assertThat(wrongKey.status()).isEqualTo(403);
		assertThat(readBeforeLive.status()).isEqualTo(403);
		assertThat(publish.status()).isEqualTo(204);
		assertThat(status(id)).isEqualTo("LIVE");
		assertThat(read.status()).isEqualTo(204);
		assertThat(api.status()).isEqualTo(403);

		assertThat(mediaMtx("unpublish", "live/" + playbackId, "", "", "c2").status()).isEqualTo(204);
		assertThat(video(id).state()).isEqualTo("RECONNECTING");
	}

	@Test
	void srsAnswersCodeZeroToAllowAndAnErrorStatusToDeny() {
		long id = createdStream("SRS");
		String key = keyOf(id);
		String playbackId = api.get("/api/streams/" + id + "/media", seller).json().get("playbackId").asString();

		Response denied = srs("on_publish", playbackId, "?key=vendor_456_1_wrong", 7);
		Response allowed = srs("on_publish", playbackId, "?key=" + key, 7);
		Response play = srs("on_play", playbackId, "", 8);
		Response playUnknown = srs("on_play", "0".repeat(32), "", 9);

		assertThat(denied.status()).isEqualTo(403);
		assertThat(srs("on_publish", playbackId, "?key=%zz", 7).status()).as("a key that is no URL encoding: none").isEqualTo(400);
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.json().get("code").asInt()).isZero();
		assertThat(status(id)).isEqualTo("LIVE");
		assertThat(play.status()).isEqualTo(200);
		assertThat(playUnknown.status()).isEqualTo(403);

		assertThat(srs("on_unpublish", playbackId, "?key=" + key, 7).json().get("code").asInt()).isZero();
		assertThat(video(id).state()).isEqualTo("RECONNECTING");
	}

	@Test
	void aSecondSrsPublisherWaitsForTheFirstToUnpublishWhileMediaMtxLetsTheNewOneTakeOver() {
		long srsStream = createdStream("SRS twice");
		String srsKey = keyOf(srsStream);
		String srsPlayback = api.get("/api/streams/" + srsStream + "/media", seller).json().get("playbackId").asString();
		assertThat(srs("on_publish", srsPlayback, "?key=" + srsKey, 70).status()).isEqualTo(200);

		assertThat(srs("on_publish", srsPlayback, "?key=" + srsKey, 71).status()).isEqualTo(403);
		srs("on_unpublish", srsPlayback, "?key=" + srsKey, 70);
		assertThat(srs("on_publish", srsPlayback, "?key=" + srsKey, 71).status()).isEqualTo(200);

		long mtxStream = createdStream("MediaMTX twice");
		String mtxKey = keyOf(mtxStream);
		String mtxPlayback = api.get("/api/streams/" + mtxStream + "/media", seller).json().get("playbackId").asString();
		assertThat(mediaMtx("publish", "live/" + mtxPlayback, mtxKey, "", "m1").status()).isEqualTo(204);
		assertThat(mediaMtx("publish", "live/" + mtxPlayback, mtxKey, "", "m2").status()).isEqualTo(204);
		mediaMtx("unpublish", "live/" + mtxPlayback, "", "", "m1");
		assertThat(video(mtxStream).state()).as("the replaced publisher's end changes nothing").isEqualTo("CONNECTED");
	}

	@Test
	void aStreamNeverHasTwoCurrentPlaybackIdsAndRetiredOnesStillFindTheirStream() {
		long id = createdStream("One current id");
		java.time.Instant now = java.time.Instant.now();

		assertThat(repository.issueFirstPlaybackId(id, "a".repeat(32), now)).isTrue();
		assertThat(repository.issueFirstPlaybackId(id, "b".repeat(32), now)).as("a racing second request").isFalse();
		assertThat(repository.currentPlaybackId(id)).hasValue("a".repeat(32));

		repository.replacePlaybackId(id, "c".repeat(32), now);

		assertThat(repository.currentPlaybackId(id)).hasValue("c".repeat(32));
		assertThat(repository.findPlaybackId("a".repeat(32))).hasValueSatisfying(retired -> {
			assertThat(retired.streamId()).isEqualTo(id);
			assertThat(retired.current()).isFalse();
		});
	}

	Response mediaMtx(String action, String path, String password, String query, String clientId) {
		String body = """
				{"ip":"127.0.0.1","user":"","password":"%s","token":"","action":"%s","path":"%s","protocol":"rtmp",
				 "id":"%s","query":"%s","userAgent":"obs"}""".formatted(password, action, path, clientId, query);
		return api.exchange("POST", "/api/media/mediamtx/auth?secret=" + SECRET, null, body, "application/json",
				java.util.Map.of());
	}

	Response srs(String action, String stream, String param, int clientId) {
		String body = """
				{"server_id":"vid-1","action":"%s","client_id":%d,"ip":"127.0.0.1","vhost":"__defaultVhost__",
				 "app":"live","tcUrl":"rtmp://127.0.0.1/live","stream":"%s","param":"%s","stream_url":"/live/%s",
				 "stream_id":"vid-2"}""".formatted(action, clientId, stream, param, stream);
		return api.exchange("POST", "/api/media/srs/hooks?secret=" + SECRET, null, body, "application/json",
				java.util.Map.of());
	}
}
