package io.livepulse.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.NginxRtmp;
import io.livepulse.support.RealVideoTest;
import tools.jackson.databind.JsonNode;

/**
 * Verified viewers through the API, in the real-video context (the delivery log port is open) without a media
 * server: the encoder's publish comes as nginx-rtmp's hook would send it, the evidence as a CDN's delivery log and
 * as Janus's media statistics. Who counts, what the seller and the admins see, and what is refused.
 */
class VerifiedViewersContractTests extends RealVideoTest {

	static final String SECRET = NginxRtmp.HOOK_SECRET;

	@LocalServerPort
	int port;

	ApiClient api;
	String seller;
	String admin;
	long stream;
	String playbackId;

	@BeforeEach
	void liveWithVideo() {
		api = new ApiClient(port);
		seller = api.token("seller-1", "SELLER", 456L);
		admin = api.token("admin", "ADMIN", null);
		stream = api.post("/api/streams", seller, "{\"title\":\"Verified by the log\"}").json().get("id").asLong();
		String key = api.get("/api/streams/" + stream + "/key", seller).json().get("streamKey").asString();
		Response publish = api.postForm("/api/media/nginx-rtmp/publish?secret=" + SECRET, "call=publish&app=ingest&name="
				+ URLEncoder.encode(key, StandardCharsets.UTF_8) + "&clientid=" + stream + "&addr=127.0.0.1&type=live");
		assertThat(publish.status()).isEqualTo(302);
		playbackId = publish.header("Location");
	}

	private Map<String, String> device() {
		return Map.of("Cookie", api.viewerCookie(stream));
	}

	private String heartbeat(Map<String, String> device) {
		Response answer = api.post("/api/streams/" + stream + "/heartbeat", null, null, device);
		assertThat(answer.status()).isEqualTo(200);
		return answer.header("LP-Playback");
	}

	private int viewers() {
		return api.get("/api/streams/" + stream + "/engagement", null).json().get("viewers").asInt();
	}

	private String line(String address, String token, String file, long sent, long length, String userAgent) {
		long now = System.currentTimeMillis();
		return "lp1 %d.%03d %s %s \"/hls/%s/%s\" 200 %d %d OK %s".formatted(now / 1000, now % 1000, address,
				token == null ? "-" : token, playbackId, file, sent, length, userAgent);
	}

	private Response cdn(String... lines) {
		return api.exchange("POST", "/api/media/delivery-log?secret=" + SECRET, null, String.join("\n", lines),
				"text/plain", Map.of());
	}

	@Test
	void aPageWithoutAPlayerIsPresentNotCountedUntilItsTokenFetchesThePlaylistAndAWholeNewSegment() {
		Map<String, String> device = device();
		String token = heartbeat(device);
		assertThat(token).as("a token with the heartbeat that issued the device").isNotBlank();
		heartbeat(device);
		assertThat(viewers()).isZero();
		JsonNode counting = api.get("/api/streams/" + stream + "/stats", seller).json().get("counting");
		assertThat(counting.get("verified").asBoolean()).isTrue();
		assertThat(counting.get("presentNotWatching").asInt()).isEqualTo(1);

		long segment = System.currentTimeMillis() - 1_000;
		assertThat(cdn(line("127.0.0.1", token, "index.m3u8", 300, 300, "Mozilla/5.0 player"),
				line("127.0.0.1", token, segment + ".ts", 48_000, 48_000, "Mozilla/5.0 player")).status()).isEqualTo(202);
		// counted once the player fetched, before its next heartbeat
		await().atMost(Duration.ofSeconds(3))
			.until(() -> viewers() == 1);
		assertThat(api.get("/api/streams/" + stream + "/stats", seller).json().get("counting").get("presentNotWatching").asInt())
			.isZero();
	}

	private Response janus(String event) {
		return api.exchange("POST", "/api/media/janus/events?secret=" + SECRET, null, event, "application/json", Map.of());
	}

	/** Janus's events of one session: the mountpoint it watches, its selected ICE pair (the viewer's address and kind), then media sent. */
	private void janusSession(long handle, String token, String mountpoint, String peer, String kind) {
		assertThat(janus("""
				{"type":64,"session_id":1,"handle_id":%d,"opaque_id":"%s",
				 "event":{"plugin":"janus.plugin.streaming","data":{"status":"starting","id":"%s"}}}""".formatted(handle, token, mountpoint))
			.status()).isEqualTo(200);
		assertThat(janus("""
				{"type":16,"subtype":4,"session_id":1,"handle_id":%d,"opaque_id":"%s",
				 "event":{"selected-pair":"x","candidates":{"local":{"address":"127.0.0.1","port":1},
				 "remote":{"address":"%s","port":2,"type":"%s"}}}}""".formatted(handle, token, peer, kind)).status()).isEqualTo(200);
		assertThat(janus("""
				{"type":32,"subtype":3,"session_id":1,"handle_id":%d,"opaque_id":"%s",
				 "event":[{"mid":"v","bytes-sent-lastsec":12000},{"mid":"a","bytes-sent-lastsec":0}]}""".formatted(handle, token))
			.status()).isEqualTo(200);
	}

	@Test
	void aWebRtcSessionJanusSentMediaToCountsItsTokensViewerAndNoOneElse() {
		Map<String, String> device = device();
		String token = heartbeat(device);
		Map<String, String> other = device();
		String otherToken = heartbeat(other);
		janusSession(stream * 10 + 1, token, playbackId, "127.0.0.9", "prflx");
		// a client pulling a cheap stream of its own over WebRTC, named with a token of this stream
		long cheap = api.post("/api/streams", seller, "{\"title\":\"Cheap\"}").json().get("id").asLong();
		String cheapKey = api.get("/api/streams/" + cheap + "/key", seller).json().get("streamKey").asString();
		String cheapVideo = api.postForm("/api/media/nginx-rtmp/publish?secret=" + SECRET, "call=publish&app=ingest&name="
				+ URLEncoder.encode(cheapKey, StandardCharsets.UTF_8) + "&clientid=" + cheap + "&addr=127.0.0.1&type=live")
			.header("Location");
		janusSession(stream * 10 + 2, otherToken, cheapVideo, "127.0.0.9", "prflx");
		heartbeat(device);
		heartbeat(other);
		assertThat(viewers()).isEqualTo(1);
		JsonNode report = api.get("/api/admin/streams/" + stream + "/viewer-report", admin).json();
		assertThat(report.get("present").asInt()).isEqualTo(2);
		assertThat(report.get("verified").asInt()).isEqualTo(1);
		assertThat(report.get("webRtc").asInt()).isEqualTo(1);
		assertThat(report.get("heartbeatOnly")).hasSize(1);

		Response malformed = janus("{nope");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.isProblem()).isTrue();
		assertThat(api.exchange("POST", "/api/media/janus/events", null, "{}", "application/json", Map.of()).status()).isEqualTo(403);
	}

	@Test
	void theAdminsReportNamesWhatProvedNothingAndItsCsvKeepsAClientsTextFromBeingAFormula() {
		Map<String, String> device = device();
		String token = heartbeat(device);
		long segment = System.currentTimeMillis() - 1_000;
		cdn(line("127.0.0.1", null, "index.m3u8", 300, 300, "curl/8"),
				line("10.9.8.7", token, "index.m3u8", 300, 300, "bot"),
				line("127.0.0.1", token, segment + ".ts", 1_000, 48_000, "=HYPERLINK(\"https://evil.example\")"));
		JsonNode report = api.get("/api/admin/streams/" + stream + "/viewer-report", admin).json();
		assertThat(report.get("verifying").asBoolean()).isTrue();
		assertThat(report.get("refusedLines").get("NO_TOKEN").asLong()).isEqualTo(1);
		assertThat(report.get("refusedLines").get("TOKEN_NOT_VALID_HERE").asLong()).isEqualTo(1);
		assertThat(report.get("refusedLines").get("PARTIAL_SEGMENT").asLong()).isEqualTo(1);
		assertThat(report.get("refusedLinesByAddress").toString()).contains("10.9.8.7");
		assertThat(report.get("devicesByNetwork").get(0).get("key").asString()).isEqualTo("127.0.0.0/24");

		Response csv = api.get("/api/admin/streams/" + stream + "/viewer-report.csv", admin);
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.body().lines().toList()).hasSize(2);
		assertThat(csv.body()).startsWith("viewer_key,heartbeat_address,").contains("\"'=HYPERLINK(\"\"https://evil.example\"\")\"");

		assertThat(api.get("/api/admin/streams/" + stream + "/viewer-report", seller).status()).isEqualTo(403);
		Response unknown = api.get("/api/admin/streams/999999999/viewer-report", admin);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isProblem()).isTrue();
		assertThat(api.exchange("POST", "/api/media/delivery-log", null, "lp1 x", "text/plain", Map.of()).status()).isEqualTo(403);
	}
}
