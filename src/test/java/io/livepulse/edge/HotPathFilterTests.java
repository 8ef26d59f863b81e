package io.livepulse.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.LivePulseH2Test;
import tools.jackson.databind.node.ObjectNode;

/** The fast lanes (anonymous reads and heartbeats, signed-in likes and heartbeats) answer exactly like the regular path. */
@LivePulseH2Test
class HotPathFilterTests {

	/** Headers that differ between any two answers. */
	private static final Set<String> PER_RESPONSE = Set.of("date", "content-length", "keep-alive", "connection",
			"transfer-encoding", "set-cookie");

	@LocalServerPort
	int port;

	@Test
	void fastAndRegularPathsGiveTheSameBodyAndTheSameSecurityHeaders() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		String viewer = api.token("viewer-1", "VIEWER", null);
		long id = api.post("/api/streams", seller, "{\"title\":\"lanes\"}").json().get("id").asLong();
		api.post("/api/streams/" + id + "/start", seller, null);
		api.post("/api/streams/" + id + "/likes", viewer, null);

		Response fast = api.get("/api/streams/" + id + "/engagement", null);
		Response regular = api.get("/api/streams/" + id + "/engagement", viewer);

		assertThat(fast.status()).isEqualTo(200);
		assertThat(fast.json().get("likes").asLong()).isEqualTo(1);
		assertSameAnswer(fast, regular);
		assertThat(fast.contentType()).startsWith("application/json");
	}

	@Test
	void behindATlsProxyTheFastLaneSendsHstsLikeTheRegularPath() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long id = api.liveStream(seller, "tls lanes");
		Map<String, String> https = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.20");

		Response fast = api.get("/api/streams/" + id + "/engagement", null, https);
		Response regular = api.get("/api/streams/" + id + "/engagement?via=regular", null, https);

		assertThat(fast.header("Strict-Transport-Security")).contains("max-age=");
		assertThat(headersOf(fast)).isEqualTo(headersOf(regular));
	}

	@Test
	void aHeartbeatOnAnEndedStreamFromANewVisitorGetsNoDeviceCookie() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long id = api.liveStream(seller, "over before it began");
		api.post("/api/streams/" + id + "/end", seller, null);

		Response late = api.post("/api/streams/" + id + "/heartbeat", null, null);

		assertThat(late.status()).isEqualTo(409);
		assertThat(late.headers().getOrDefault("set-cookie", List.of())).isEmpty();
	}

	/** The same body (but for the running duration, which moves between two answers) and the same headers. */
	private static void assertSameAnswer(Response fast, Response regular) {
		ObjectNode fastBody = (ObjectNode) fast.json();
		ObjectNode regularBody = (ObjectNode) regular.json();
		fastBody.remove("durationSeconds");
		regularBody.remove("durationSeconds");
		assertThat(fastBody).isEqualTo(regularBody);
		assertThat(headersOf(fast)).isEqualTo(headersOf(regular));
	}

	private static Map<String, List<String>> headersOf(Response response) {
		Map<String, List<String>> headers = new TreeMap<>();
		response.headers().forEach((name, values) -> {
			if (!PER_RESPONSE.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
				headers.put(name.toLowerCase(Locale.ROOT), values);
			}
		});
		return headers;
	}

	@Test
	void anAnonymousHeartbeatOnTheFastLaneSetsTheDeviceCookieAndThenCountsItOnce() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long id = api.post("/api/streams", seller, "{\"title\":\"cookie\"}").json().get("id").asLong();
		api.post("/api/streams/" + id + "/start", seller, null);

		Response first = api.post("/api/streams/" + id + "/heartbeat", null, null);
		String cookie = first.header("Set-Cookie").split(";")[0];
		Response again = api.post("/api/streams/" + id + "/heartbeat", null, null, Map.of("Cookie", cookie));

		Response third = api.post("/api/streams/" + id + "/heartbeat", null, null, Map.of("Cookie", cookie));
		assertThat(first.json().get("viewers").asInt()).as("counted once the cookie comes back").isZero();
		assertThat(again.json().get("viewers").asInt()).isEqualTo(1);
		assertThat(third.json().get("viewers").asInt()).isEqualTo(1);
		assertThat(again.header("Set-Cookie")).isNull();
	}

	@Test
	void problemsStillComeFromTheRegularPath() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long id = api.post("/api/streams", seller, "{\"title\":\"over\"}").json().get("id").asLong();
		api.post("/api/streams/" + id + "/end", seller, null);

		Response unknown = api.get("/api/streams/987654/engagement", null);
		Response ended = api.post("/api/streams/" + id + "/heartbeat", null, null,
				Map.of("Cookie", "lp_device=" + UUID.randomUUID()));
		Response forged = api.get("/api/streams/" + id + "/engagement", "not-a-token");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isProblem()).isTrue();
		assertThat(ended.status()).isEqualTo(409);
		assertThat(ended.isProblem()).isTrue();
		assertThat(forged.status()).as("a bad token is still refused, not waved through").isEqualTo(401);
	}

	@Test
	void likesOnTheFastLaneAnswerAndRefuseLikeTheRegularPath() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		String viewer = api.token("viewer-9", "VIEWER", null);
		long notLive = api.post("/api/streams", seller, "{\"title\":\"later\"}").json().get("id").asLong();
		long live = api.post("/api/streams", seller, "{\"title\":\"now\"}").json().get("id").asLong();
		api.post("/api/streams/" + live + "/start", seller, null);

		Response accepted = api.post("/api/streams/" + live + "/likes", viewer, null);
		Response notLiveYet = api.post("/api/streams/" + notLive + "/likes", viewer, null);
		Response unknown = api.post("/api/streams/987654/likes", viewer, null);
		Response badToken = api.post("/api/streams/" + live + "/likes", viewer + "x", null);
		Response limited = api.postAtOnce("/api/streams/" + live + "/likes", viewer, 30).stream()
			.filter(response -> response.status() == 429).findAny().orElse(null);

		assertThat(accepted.status()).isEqualTo(200);
		assertThat(accepted.json().get("accepted").asBoolean()).isTrue();
		assertThat(accepted.json().get("likes").asLong()).isEqualTo(1);
		assertThat(accepted.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(notLiveYet.status()).isEqualTo(409);
		assertThat(notLiveYet.isProblem()).isTrue();
		assertThat(notLiveYet.json().get("detail").asString()).contains("likes are taken while it is live");
		assertThat(notLiveYet.json().get("instance").asString()).isEqualTo("/api/streams/" + notLive + "/likes");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isProblem()).isTrue();
		assertThat(badToken.status()).isEqualTo(401);
		assertThat(badToken.isProblem()).isTrue();
		assertThat(limited).isNotNull();
		assertThat(limited.isProblem()).isTrue();
		assertThat(limited.json().get("title").asString()).isEqualTo("Too many requests");
	}

	@Test
	void aSignedInHeartbeatOnTheFastLaneCountsTheUserOnceAndAnswersAndRefusesLikeTheRegularPath() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		String viewer = api.token("lane-viewer-" + UUID.randomUUID(), "VIEWER", null);
		long id = api.liveStream(seller, "signed-in lanes");
		long ended = api.liveStream(seller, "ended lanes");
		api.post("/api/streams/" + ended + "/end", seller, null);
		long rehearsal = api.startedStream(seller, "hidden lanes", "REHEARSAL");

		Response fast = api.post("/api/streams/" + id + "/heartbeat", viewer, null);
		Response regular = api.post("/api/streams/" + id + "/heartbeat?via=regular", viewer, null);

		assertThat(fast.status()).isEqualTo(200);
		assertThat(fast.json().get("viewers").asInt()).as("the user counts at once: no device id to wait for").isEqualTo(1);
		assertThat(fast.headers().getOrDefault("set-cookie", List.of())).as("no device cookie for a user").isEmpty();
		assertThat(regular.json().get("viewers").asInt()).as("the same user by the other lane: still one").isEqualTo(1);
		assertSameAnswer(fast, regular);

		for (String path : List.of("/api/streams/987654/heartbeat", "/api/streams/" + ended + "/heartbeat",
				"/api/streams/" + rehearsal + "/heartbeat")) {
			Response refusedFast = api.post(path, viewer, null);
			Response refusedRegular = api.post(path + "?via=regular", viewer, null);
			assertThat(refusedFast.status()).as(path).isIn(404, 409).isEqualTo(refusedRegular.status());
			assertThat(refusedFast.isProblem()).as(path).isTrue();
			assertThat(refusedFast.json().get("title")).as(path).isEqualTo(refusedRegular.json().get("title"));
			assertThat(refusedFast.json().get("detail")).as(path).isEqualTo(refusedRegular.json().get("detail"));
		}
		assertThat(api.post("/api/streams/" + id + "/heartbeat", viewer + "x", null).status())
			.as("a token that does not verify is refused, not counted anonymously").isEqualTo(401);
	}
}
