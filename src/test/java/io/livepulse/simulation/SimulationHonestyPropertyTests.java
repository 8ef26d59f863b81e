package io.livepulse.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.engagement.InteractionService;
import io.livepulse.stream.StreamService;
import io.livepulse.support.ApiClient;
import io.livepulse.support.Databases;
import tools.jackson.databind.JsonNode;

/**
 * The rule that is never bent, checked over many random settings and streams: a LIVE-mode stream
 * never gets a simulated row, a {@code simulated} field, or a figure that differs from its real count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SimulationHonestyPropertyTests {

	@LocalServerPort
	int port;

	@Autowired
	AudienceSimulator simulator;

	@Autowired
	StreamService streams;

	@Autowired
	InteractionService interactions;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	@Test
	void liveStreamsNeverCarrySimulatedNumbersWhateverTheSettings() {
		ApiClient api = new ApiClient(port);
		String admin = api.token("admin", "ADMIN", null);
		String seller = api.token("seller-1", "SELLER", 456L);
		Random random = new Random(20261126L);

		for (int round = 0; round < 20; round++) {
			int min = random.nextInt(0, 500);
			String settings = """
					{"simulatedViewersEnabled":%b,"minSimulatedViewers":%d,"maxSimulatedViewers":%d,
					 "viewerIncreasePerMinute":%d,"viewerDecreasePerMinute":%d,"simulatedLikesEnabled":%b,
					 "simulatedLikesPerMinute":%d,"engagementMultiplier":%.2f,"viewerTimeoutSeconds":30,
					 "likeRateLimitPerSecond":1000,"hideViewerCountBelow":0,"maxViewersPerAddress":25}
					""".formatted(random.nextBoolean() || round % 2 == 0, min, min + random.nextInt(0, 5000),
					random.nextInt(0, 6000), random.nextInt(0, 6000), true, random.nextInt(1, 6000),
					0.1 + random.nextDouble() * 9.9);
			assertThat(api.put("/api/admin/settings", admin, settings).status()).isEqualTo(200);

			long live = api.startedStream(seller, "p", "LIVE");
			long rehearsal = api.startedStream(seller, "p", "REHEARSAL");
			int realViewers = random.nextInt(0, 6);
			int realLikes = random.nextInt(0, 6);
			// a rehearsal is private: its real audience can only be its seller and the admin
			int rehearsalViewers = Math.min(realViewers, 2);
			for (int v = 0; v < realViewers; v++) {
				api.post("/api/streams/" + live + "/heartbeat", null, null,
						java.util.Map.of("Cookie", api.viewerCookie(live)));
			}
			for (int v = 0; v < rehearsalViewers; v++) {
				api.post("/api/streams/" + rehearsal + "/heartbeat", v == 0 ? seller : admin, null);
			}
			String viewer = api.token("viewer-" + round, "VIEWER", null);
			for (long id : new long[] { live, rehearsal }) {
				for (int l = 0; l < realLikes; l++) {
					assertThat(api.post("/api/streams/" + id + "/likes", id == live ? viewer : seller, null).status())
						.isEqualTo(200);
				}
			}

			for (int tick = 0; tick < 5; tick++) {
				simulator.tick();
			}
			double tickSeconds = 1 + random.nextInt(0, 10);
			simulator.simulate(streams.get(rehearsal), tickSeconds);

			assertHonest(api, seller, live, realViewers, realLikes);
			JsonNode rehearsalEngagement = api.get("/api/streams/" + rehearsal + "/engagement", seller).json();
			assertThat(rehearsalEngagement.get("rehearsal").asBoolean()).isTrue();
			assertThat(rehearsalEngagement.get("viewers").asInt()).isEqualTo(rehearsalViewers);
			assertThat(rehearsalEngagement.get("likes").asLong()).isEqualTo(realLikes);
			assertThat(rehearsalEngagement.has("simulated")).isTrue();
			assertThatThrownBy(() -> simulator.simulate(streams.get(live), 60))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("rehearsal streams only");
			assertThatThrownBy(() -> interactions.recordSimulatedLikes(live, 5))
				.isInstanceOf(IllegalStateException.class);

			api.post("/api/streams/" + live + "/end", seller, "{\"save\":true}");
			api.post("/api/streams/" + rehearsal + "/end", seller, "{\"save\":true}");
			JsonNode finalLive = api.get("/api/streams/" + live + "/stats", seller).json();
			assertThat(finalLive.get("likes").asLong()).isEqualTo(realLikes);
			assertThat(finalLive.get("peakViewers").asInt()).as("the probe heartbeat joined too").isEqualTo(realViewers + 1);
			assertThat(finalLive.has("simulated")).isFalse();
			JsonNode finalRehearsal = api.get("/api/streams/" + rehearsal + "/stats", seller).json();
			assertThat(finalRehearsal.get("likes").asLong()).isEqualTo(realLikes);
			assertThat(finalRehearsal.get("peakViewers").asInt()).isEqualTo(rehearsalViewers);
		}

		assertThat(jdbc.sql("""
				select count(*) from stream_interactions i join live_streams s on s.id = i.stream_id
				 where s.mode = 'LIVE' and i.is_simulated = true
				""").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				select count(*) from stream_samples x join live_streams s on s.id = x.stream_id
				 where s.mode = 'LIVE' and (x.simulated_viewers is not null or x.simulated_likes is not null)
				""").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				select count(*) from stream_interactions i join live_streams s on s.id = i.stream_id
				 where s.mode = 'REHEARSAL' and i.is_simulated = true
				""").query(Long.class).single()).isPositive();
	}

	private void assertHonest(ApiClient api, String seller, long live, int realViewers, int realLikes) {
		List<JsonNode> payloads = new ArrayList<>();
		payloads.add(api.get("/api/streams/" + live + "/engagement", null).json());
		payloads.add(api.get("/api/streams/" + live + "/stats", seller).json());
		payloads.add(api.post("/api/streams/" + live + "/heartbeat", null, null,
				java.util.Map.of("Cookie", api.viewerCookie(live))).json());
		api.post("/api/streams/" + live + "/leave", null, null);
		for (JsonNode payload : payloads) {
			assertThat(payload.has("simulated")).as(payload.toString()).isFalse();
			assertThat(payload.has("rehearsal")).as(payload.toString()).isFalse();
			assertThat(payload.get("likes").asLong()).isEqualTo(realLikes);
		}
		assertThat(payloads.get(0).get("viewers").asInt()).isEqualTo(realViewers);
		assertThat(payloads.get(1).get("viewers").asInt()).isEqualTo(realViewers);
		assertThat(payloads.get(2).get("viewers").asInt()).isEqualTo(realViewers + 1);
	}
}
