package io.livepulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.FastFigures;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.TestGroups;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

@LivePulseH2Test
@FastFigures
class AnalyticsApiTests {

	@LocalServerPort
	int port;

	@Autowired
	SampleRepository samples;

	@Autowired
	DataSource dataSource;

	ApiClient api;
	long vendor;
	String seller;
	String admin;

	@BeforeEach
	void signIn() {
		api = new ApiClient(port);
		vendor = Unique.vendorId();
		seller = api.token(Unique.user("seller"), "SELLER", vendor);
		admin = api.token("admin", "ADMIN", null);
	}

	private long finishedStreamWithActivity() throws InterruptedException {
		long id = api.liveStream(seller, "Report");
		String fan = api.token("fan-1", "VIEWER", null);
		String other = api.token("fan-2", "VIEWER", null);
		api.post("/api/streams/" + id + "/heartbeat", fan, null);
		api.post("/api/streams/" + id + "/heartbeat", other, null);
		api.post("/api/streams/" + id + "/heartbeat", null, null, java.util.Map.of("Cookie", api.viewerCookie(id)));
		for (int i = 0; i < 3; i++) {
			api.post("/api/streams/" + id + "/likes", fan, null);
		}
		api.post("/api/streams/" + id + "/likes", other, null);
		String shop = api.token("shop", "COMMERCE", null);
		api.post("/api/streams/" + id + "/purchases", shop,
				"{\"orderId\":\"R-%d\",\"amountMinor\":4200,\"currency\":\"EUR\",\"buyerId\":\"fan-1\"}".formatted(id));
		Thread.sleep(700);
		api.post("/api/streams/" + id + "/leave", other, null);
		api.post("/api/streams/" + id + "/end", seller, "{\"save\":true}");
		return id;
	}

	@Test
	void analyticsOfAFinishedStreamMatchItsFinalMetricsAndTheReplay() throws Exception {
		long id = finishedStreamWithActivity();

		JsonNode finalMetrics = api.get("/api/streams/mine", seller).json().valueStream()
			.filter(stream -> stream.get("id").asLong() == id).findFirst().orElseThrow().get("finalMetrics");
		JsonNode report = api.get("/api/streams/" + id + "/analytics", seller).json();

		assertThat(report.get("peakViewers").asInt()).isEqualTo(finalMetrics.get("peakViewers").asInt()).isEqualTo(3);
		assertThat(report.get("uniqueViewers").asInt()).isEqualTo(finalMetrics.get("uniqueViewers").asInt());
		assertThat(report.get("likes").asLong()).isEqualTo(finalMetrics.get("likes").asLong()).isEqualTo(4);
		assertThat(report.get("revenueMinor").asLong()).isEqualTo(4200);
		assertThat(report.get("orders").asInt()).isEqualTo(1);
		assertThat(report.get("engagedViewers").asLong()).isEqualTo(2);
		assertThat(report.get("likesPerEngagedViewer").asDouble()).isEqualTo(2.0);
		assertThat(report.get("averageWatchSeconds").asDouble()).isGreaterThanOrEqualTo(0);
		assertThat(report.has("simulated")).isFalse();
		assertThat(report.propertyNames()).as("the report's named parts stay flat in JSON").containsExactlyInAnyOrder(
				"streamId", "title", "mode", "status", "durationSeconds", "peakViewers", "uniqueViewers",
				"averageWatchSeconds", "likes", "likesPerMinute", "engagedViewers", "likesPerEngagedViewer",
				"revenueMinor", "currency", "orders", "chatters", "chatMessages", "questions", "messagesPerMinute", "timeline",
				"liveCommerce");
		JsonNode stats = api.get("/api/streams/" + id + "/stats", seller).json();
		assertThat(stats.propertyNames()).as("the seller's stats stay flat in JSON").containsExactlyInAnyOrder("streamId",
				"title", "mode", "status", "viewers", "peakViewers", "uniqueViewers", "likes", "likesPerMinute",
				"revenueMinor", "currency", "orders", "durationSeconds");
		JsonNode timeline = report.get("timeline");
		assertThat(timeline.size()).isGreaterThanOrEqualTo(3);
		JsonNode last = timeline.get(timeline.size() - 1);
		assertThat(last.get("likes").asLong()).isEqualTo(4);
		assertThat(timeline.valueStream().map(point -> point.get("viewers").asInt())).contains(3);
		assertThat(timeline.valueStream().filter(point -> point.has("simulatedViewers"))).isEmpty();

		JsonNode replay = api.get("/api/replays", seller).json().valueStream()
			.filter(r -> r.get("streamId").asLong() == id).findFirst().orElseThrow();
		assertThat(replay.get("finalMetrics")).isEqualTo(finalMetrics);
	}

	@Tag(TestGroups.SLOW)
	@Test
	void theAverageWatchTimeCountsViewersWhoAreStillWatching() throws Exception {
		long id = api.liveStream(seller, "Still watching");
		String fan = api.token("fan-3", "VIEWER", null);
		api.post("/api/streams/" + id + "/heartbeat", fan, null);
		Thread.sleep(2_100);
		api.post("/api/streams/" + id + "/heartbeat", fan, null);

		double average = api.get("/api/streams/" + id + "/analytics", seller).json().get("averageWatchSeconds").asDouble();

		assertThat(average).as("one open session, seen 2.1 s after it began").isGreaterThanOrEqualTo(2.0);
	}

	/**
	 * Each report and export gives its database connections back (a result stream left open kept one for good, and
	 * the pool ran dry after ten reports): after a few, no more than the background's few are in use.
	 */
	@Test
	void reportsAndExportsGiveEveryDatabaseConnectionBack() throws Exception {
		long id = finishedStreamWithActivity();
		HikariPoolMXBean pool = ((HikariDataSource) dataSource).getHikariPoolMXBean();

		for (int i = 0; i < 3; i++) {
			assertThat(api.get("/api/streams/" + id + "/analytics", seller).status()).isEqualTo(200);
			assertThat(api.get("/api/streams/" + id + "/analytics.csv", seller).status()).isEqualTo(200);
		}

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(pool.getActiveConnections())
			.as("connections in use after the reports").isLessThanOrEqualTo(2));
	}

	/** A tick that sampled the stream just as it ended stored a point after the closing one: it is not shown. */
	@Test
	void theTimelineEndsWithTheClosingPointEvenWhenALateSampleWasStored() throws Exception {
		long id = finishedStreamWithActivity();
		samples.insert(id, new SampleRepository.Row(Instant.now().plusSeconds(5), 99, 4, null, null));

		JsonNode timeline = api.get("/api/streams/" + id + "/analytics", seller).json().get("timeline");
		String csv = api.get("/api/streams/" + id + "/analytics.csv", seller).body();

		assertThat(timeline.valueStream().map(point -> point.get("viewers").asInt())).doesNotContain(99);
		assertThat(timeline.get(timeline.size() - 1).get("likes").asLong()).isEqualTo(4);
		assertThat(csv.lines().skip(1).map(line -> line.split(",")[1])).doesNotContain("99");
	}

	@Test
	void theTimelineExportsAsCsvWithAHeaderRow() throws Exception {
		long id = finishedStreamWithActivity();

		Response csv = api.get("/api/streams/" + id + "/analytics.csv", seller);

		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo("sampled_at,real_viewers,real_likes,real_likes_per_minute,real_chat_messages_per_minute");
		assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
		assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line.split(",")).hasSize(5));
		assertThat(lines.get(lines.size() - 1)).contains(",4,");
	}

	@Test
	void analyticsAreForTheOwnerAndAdminsOnly() throws Exception {
		long id = finishedStreamWithActivity();
		String otherSeller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());

		assertThat(api.get("/api/streams/" + id + "/analytics", otherSeller).status()).isIn(403, 404);
		assertThat(api.get("/api/streams/" + id + "/analytics.csv", otherSeller).status()).isIn(403, 404);
		assertThat(api.get("/api/streams/" + id + "/analytics", null).status()).isEqualTo(401);
		assertThat(api.get("/api/streams/" + id + "/analytics", admin).status()).isEqualTo(200);
	}

	@Test
	void adminStreamsListRealAndSimulatedSideBySideSortableAndFiltered() throws Exception {
		long finished = finishedStreamWithActivity();
		long rehearsal = api.startedStream(seller, "Practice", "REHEARSAL");
		await().atMost(Duration.ofMillis(5_000)).untilAsserted(() -> assertThat(api.get("/api/streams/" + rehearsal + "/analytics", seller).json()
			.get("timeline").size()).isPositive());

		JsonNode rows = api.get("/api/admin/streams?sort=likes&direction=desc&vendorId=" + vendor, admin).json();
		JsonNode first = rows.get(0);
		assertThat(first.get("id").asLong()).isEqualTo(finished);
		assertThat(first.get("real").get("likes").asLong()).isEqualTo(4);
		assertThat(first.has("simulated")).isFalse();
		assertThat(first.get("sellerLabel").asString()).as("the seller as viewers see them, not a bare vendor id")
			.isEqualTo("Seller " + first.get("vendorId").asLong());
		JsonNode rehearsalRow = rows.valueStream().filter(row -> row.get("id").asLong() == rehearsal).findFirst()
			.orElseThrow();
		assertThat(rehearsalRow.get("real").get("viewers").asInt()).isZero();
		assertThat(rehearsalRow.has("simulated")).isTrue();
		JsonNode rehearsalReport = api.get("/api/streams/" + rehearsal + "/analytics", seller).json();
		assertThat(rehearsalReport.get("rehearsal").asBoolean()).isTrue();
		assertThat(rehearsalReport.get("timeline").get(0).has("simulatedViewers")).isTrue();
		assertThat(api.get("/api/streams/" + rehearsal + "/analytics.csv", seller).body().lines().findFirst()
			.orElseThrow()).endsWith(",simulated_viewers,simulated_likes");

		JsonNode live = api.get("/api/admin/streams?status=LIVE", admin).json();
		assertThat(live.valueStream().map(row -> row.get("status").asString())).containsOnly("LIVE");
		assertThat(api.get("/api/admin/streams?vendorId=" + Unique.vendorId(), admin).json().size()).isZero();
		Response badSort = api.get("/api/admin/streams?sort=bogus", admin);
		assertThat(badSort.status()).isEqualTo(400);
		assertThat(badSort.json().get("detail").asString()).contains("likes");
		assertThat(api.get("/api/admin/streams", seller).status()).isEqualTo(403);
	}
}
