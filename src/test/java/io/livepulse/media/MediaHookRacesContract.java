package io.livepulse.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.AtOnce;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.NginxRtmp;

/**
 * Media hooks and key rotations that arrive at the same moment: each gets a clear answer (never a 500),
 * and what they leave behind is one current playback id and at most one connected encoder.
 */
abstract class MediaHookRacesContract {

	static final int AT_ONCE = 8;
	static final int ROUNDS = 4;

	@LocalServerPort
	int port;

	@Autowired
	MediaRepository repository;

	ApiClient api;
	String seller;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		seller = api.token("seller-races", "SELLER", 4_711L);
	}

	@Test
	void keyRotationsAtOnceAllSucceedAndLeaveOneCurrentPlaybackIdThatTheLastKeyPublishesTo() {
		for (int round = 0; round < ROUNDS; round++) {
			long id = createdStream("Rotations " + round);
			nginx("publish", form(keyOf(id), 1)); // the stream has a current playback id to retire

			List<Response> rotations = atOnce(i -> api.post("/api/streams/" + id + "/key/rotate", seller, null));

			assertThat(rotations).extracting(Response::status).as("round %d", round).containsOnly(200);
			String playbackId = api.get("/api/streams/" + id + "/media", seller).json().get("playbackId").asString();
			assertThat(repository.currentPlaybackId(id)).contains(playbackId);
			assertThat(nginx("publish", form(keyOf(id), 2)).header("Location")).isEqualTo(playbackId);
		}
	}

	/** Before the stream ever had a playback id: its first, issued by the publish, and a rotation's, take turns. */
	@Test
	void aFirstPublishAndAKeyRotationAtOnceNeitherAnswers500AndLeaveOneCurrentPlaybackId() {
		for (int round = 0; round < ROUNDS; round++) {
			long id = createdStream("First publish and rotation " + round);
			String key = keyOf(id);

			List<Response> answers = AtOnce.call(2, i -> i == 0 ? nginx("publish", form(key, 1))
					: api.post("/api/streams/" + id + "/key/rotate", seller, null));

			assertThat(answers).extracting(Response::status).as("round %d", round).doesNotContain(500);
			assertThat(answers.get(1).status()).isEqualTo(200);
			assertThat(repository.currentPlaybackId(id)).isPresent();
		}
	}

	@Test
	void firstPublishesAtOnceLetOneEncoderInAndRefuseTheOthersWithAProblem() {
		for (int round = 0; round < ROUNDS; round++) {
			long id = createdStream("Publishes " + round);
			String key = keyOf(id);

			List<Response> publishes = atOnce(i -> nginx("publish", form(key, 100 + i)));

			assertThat(publishes).filteredOn(answer -> answer.status() == 302).as("round %d", round).hasSize(1);
			assertThat(publishes).filteredOn(answer -> answer.status() != 302)
				.allSatisfy(refused -> {
					assertThat(refused.status()).isEqualTo(403);
					assertThat(refused.body()).contains("Another encoder is already publishing");
				});
			int admitted = 100 + publishes.indexOf(publishes.stream().filter(answer -> answer.status() == 302).findFirst().orElseThrow());
			assertThat(repository.session(id)).hasValueSatisfying(session -> {
				assertThat(session.isConnected()).isTrue();
				assertThat(session.clientId()).isEqualTo(Integer.toString(admitted));
			});
		}
	}

	@Test
	void aSessionConnectedJustAsItsStreamEndedIsMarkedEndedWhenItsEncoderIsCut() {
		long id = createdStream("Ended meanwhile");
		String key = keyOf(id);
		nginx("publish", form(key, 7));
		api.post("/api/streams/" + id + "/end", seller, null);
		// the end's own clean-up (a module listener, on a thread of its own) marks the session ended
		await().atMost(Duration.ofSeconds(5)).until(() -> repository.session(id).map(session -> !session.isConnected())
			.orElse(false));
		// a publish whose write landed after that clean-up
		assertThat(repository.connect(id, MediaServer.NGINX_RTMP, "7", Instant.now(), repository.session(id))).isTrue();

		assertThat(nginx("update", "call=update_publish&app=ingest&name=" + encode(key) + "&clientid=7").status())
			.isEqualTo(403);
		assertThat(api.get("/api/streams/" + id + "/video", null).json().get("state").asString()).isEqualTo("ENDED");
		assertThat(repository.session(id)).hasValueSatisfying(session -> assertThat(session.isConnected()).isFalse());
	}

	private long createdStream(String title) {
		return api.post("/api/streams", seller, "{\"title\":\"" + title + "\"}").json().get("id").asLong();
	}

	private String keyOf(long id) {
		return api.get("/api/streams/" + id + "/key", seller).json().get("streamKey").asString();
	}

	private Response nginx(String hook, String form) {
		return api.postForm("/api/media/nginx-rtmp/" + hook + "?secret=" + NginxRtmp.HOOK_SECRET, form);
	}

	private static String form(String key, int clientId) {
		return "call=publish&app=ingest&name=" + encode(key) + "&clientid=" + clientId
				+ "&addr=127.0.0.1&tcurl=rtmp%3A%2F%2F127.0.0.1%2Fingest&type=live";
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static List<Response> atOnce(IntFunction<Response> call) {
		return AtOnce.call(AT_ONCE, call);
	}
}
