package io.livepulse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.ApiClient;
import io.livepulse.support.Databases;
import tools.jackson.databind.JsonNode;

/**
 * Ending a stream is all or nothing for the stream: its final metrics are stored with the end
 * announced, a failing listener elsewhere is retried and changes nothing about the end, and an end
 * the process could not finish is finished at the next start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StreamEndingTests {

	@LocalServerPort
	int port;

	@Autowired
	FailingOnceListener listener;

	@Autowired
	IncompleteEventPublications incomplete;

	@Autowired
	StreamService streams;

	@Autowired
	InterruptedEnds interruptedEnds;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	@TestConfiguration
	static class Listeners {

		@Bean
		FailingOnceListener failingOnceListener() {
			return new FailingOnceListener();
		}
	}

	/**
	 * A module listener whose first delivery fails for the streams it is told to, as a listener with a
	 * bug or a down dependency would. Read through methods: the bean is a proxy (async, transactional),
	 * whose own fields are empty.
	 */
	static class FailingOnceListener {

		private final Set<Long> failFirst = ConcurrentHashMap.newKeySet();
		private final Map<Long, Integer> attempts = new ConcurrentHashMap<>();
		private final List<Long> handled = new CopyOnWriteArrayList<>();

		void failFirstDeliveryFor(long streamId) {
			failFirst.add(streamId);
		}

		int attempts(long streamId) {
			return attempts.getOrDefault(streamId, 0);
		}

		List<Long> handled() {
			return List.copyOf(handled);
		}

		@ApplicationModuleListener
		void on(StreamEnded ended) {
			attempts.merge(ended.streamId(), 1, Integer::sum);
			if (failFirst.remove(ended.streamId())) {
				throw new IllegalStateException("the first delivery fails");
			}
			handled.add(ended.streamId());
		}
	}

	@Test
	void aFailingListenerLeavesTheStreamEndedWithItsFinalMetricsAndItsWorkIsDoneOnRetry() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long id = api.liveStream(seller, "Ends cleanly");
		listener.failFirstDeliveryFor(id);
		api.post("/api/streams/" + id + "/likes", api.token("viewer-1", "VIEWER", null), null);

		ApiClient.Response ended = api.post("/api/streams/" + id + "/end", seller, null);

		assertThat(ended.status()).isEqualTo(200);
		JsonNode stream = ended.json();
		assertThat(stream.get("status").asString()).isEqualTo("ENDED");
		assertThat(stream.get("finalMetrics").get("likes").asLong()).isEqualTo(1);
		await().atMost(Duration.ofMillis(5_000)).untilAsserted(() -> assertThat(listener.attempts(id)).isEqualTo(1));
		assertThat(listener.handled()).doesNotContain(id);
		// the listener counts its attempt before it throws: wait until the registry has recorded the failure
		await().atMost(Duration.ofMillis(5_000)).untilAsserted(() -> assertThat(jdbc.sql("""
				select count(*) from event_publication
				where listener_id like '%FailingOnceListener%' and status = 'FAILED'
				""").query(Long.class).single()).isPositive());

		incomplete.resubmitIncompletePublications(publication -> true);

		await().atMost(Duration.ofMillis(5_000)).untilAsserted(() -> assertThat(listener.handled()).contains(id));
		assertThat(listener.attempts(id)).isEqualTo(2);
		assertThat(api.get("/api/streams/" + id, null).json().get("status").asString()).isEqualTo("ENDED");
	}

	/**
	 * The end's first step committed (with the replay it asked for) and its freeze never did: the sweep (at start-up,
	 * then every 30 s) stores the final metrics, announces the end and saves the replay, which was lost before.
	 */
	@Test
	void anEndLeftHalfDoneIsFinishedByTheSweepWithItsFinalMetricsAndTheReplayItAskedFor() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long id = api.liveStream(seller, "Interrupted");
		for (String fan : List.of("fan-1", "fan-2")) {
			api.post("/api/streams/" + id + "/likes", api.token(fan, "VIEWER", null), null);
		}
		jdbc.sql("update live_streams set status = 'ENDED', ended_at = :at, replay_requested = true where id = :id")
			.param("at", new Timestamp(System.currentTimeMillis())).param("id", id).update();

		interruptedEnds.finishEndedBefore(Instant.now().plusSeconds(1));

		JsonNode mine = api.get("/api/streams/mine", seller).json().valueStream()
			.filter(candidate -> candidate.get("id").asLong() == id).findFirst().orElseThrow();
		assertThat(mine.get("status").asString()).isEqualTo("ENDED");
		assertThat(mine.get("finalMetrics").get("likes").asLong()).isEqualTo(2);
		assertThat(api.get("/api/replays", seller).json().findValues("streamId")).extracting(JsonNode::asLong).contains(id);
		await().atMost(Duration.ofMillis(5_000)).untilAsserted(() -> assertThat(listener.handled()).contains(id));
	}

	/** An end whose freeze failed (or is still running for another request) is finished by the next end request. */
	@Test
	void anEndLeftHalfDoneIsFinishedByTheNextEndRequestWithItsReplay() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long id = api.liveStream(seller, "Interrupted, then ended again");
		api.post("/api/streams/" + id + "/likes", api.token("fan-3", "VIEWER", null), null);
		jdbc.sql("update live_streams set status = 'ENDED', ended_at = :at where id = :id")
			.param("at", new Timestamp(System.currentTimeMillis())).param("id", id).update();
		streams.refresh(id);

		ApiClient.Response ended = api.post("/api/streams/" + id + "/end", seller, "{\"save\":true}");

		assertThat(ended.status()).isEqualTo(200);
		assertThat(ended.json().get("finalMetrics").get("likes").asLong()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from saved_streams where stream_id = :id").param("id", id).query(Long.class)
			.single()).as("the replay asked for").isEqualTo(1);
		await().atMost(Duration.ofMillis(5_000)).untilAsserted(() -> assertThat(listener.handled()).contains(id));
	}
}
