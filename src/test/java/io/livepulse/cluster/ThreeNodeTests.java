package io.livepulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ClusterNodes;
import io.livepulse.support.EmbeddedPostgres;
import io.livepulse.support.EmbeddedRedis;
import io.livepulse.support.TestGroups;

/**
 * Three nodes on one PostgreSQL and one Redis, each viewer's heartbeats landing on a different node each
 * time (a round-robin balancer without sticky sessions): every node counts each viewer once, and the
 * nodes reach Redis once per stream per tick, not once per request.
 */
@Tag(TestGroups.CLUSTER)
@Tag(TestGroups.POSTGRES)
class ThreeNodeTests {

	static final int VIEWERS = 300;

	static EmbeddedRedis redis;
	static ClusterNodes cluster;
	static List<ApiClient> nodes;
	static String seller;

	@BeforeAll
	static void startThreeNodes() {
		redis = EmbeddedRedis.start();
		cluster = new ClusterNodes(EmbeddedPostgres.newDatabaseUrl(), redis);
		nodes = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			nodes.add(cluster.api(cluster.startNode()));
		}
		seller = nodes.get(0).token("seller-3", "SELLER", 789L);
		// every test viewer calls from 127.0.0.1: the per-address cap is raised so it does not stop them
		String admin = nodes.get(0).token("admin", "ADMIN", null);
		String settings = nodes.get(0).get("/api/admin/settings", admin).body()
			.replaceFirst("\"maxViewersPerAddress\":\\d+", "\"maxViewersPerAddress\":" + (VIEWERS * 2));
		assertThat(nodes.get(0).put("/api/admin/settings", admin, settings).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> nodes.forEach(node -> assertThat(
				node.get("/api/admin/settings", admin).body()).contains("\"maxViewersPerAddress\":" + VIEWERS * 2)));
	}

	@AfterAll
	static void stop() {
		ClusterNodes.stop(cluster, redis);
	}

	@Test
	void threeHundredViewersWhoseHeartbeatsRotateOverThreeNodesCountThreeHundredOnEveryNodeAndLeaveAsTheyGo()
			throws Exception {
		long id = nodes.get(0).liveStream(seller, "Three nodes");
		List<String> viewers = new ArrayList<>();
		for (int i = 0; i < VIEWERS; i++) {
			viewers.add(nodes.get(0).token("viewer-" + i, "VIEWER", null));
		}
		for (int round = 0; round < 3; round++) {
			int shift = round;
			assertThat(inParallel(VIEWERS, i -> nodes.get((i + shift) % 3)
				.post("/api/streams/" + id + "/heartbeat", viewers.get(i), null).status())).containsOnly(200);
		}
		awaitViewersOnEveryNode(id, VIEWERS);
		for (ApiClient node : nodes) {
			assertThat(node.get("/api/streams/" + id + "/stats", seller).body()).contains("\"uniqueViewers\":" + VIEWERS)
				.contains("\"peakViewers\":" + VIEWERS);
		}

		// the first hundred leave, each through a node other than the one it last heartbeat on
		assertThat(inParallel(100, i -> nodes.get((i + 1) % 3)
			.post("/api/streams/" + id + "/leave", viewers.get(i), null).status())).containsOnly(200);
		awaitViewersOnEveryNode(id, VIEWERS - 100);

		assertThat(nodes.get(2).post("/api/streams/" + id + "/end", seller, "{\"save\":false}").status()).isEqualTo(200);
		var figures = nodes.get(1).get("/api/streams/" + id + "/stats", seller).json();
		assertThat(figures.toString()).contains("\"uniqueViewers\":" + VIEWERS).contains("\"peakViewers\":" + VIEWERS);
	}

	@Test
	void heartbeatsAndEngagementReadsReachRedisOncePerStreamPerTickNotOncePerRequest() throws Exception {
		long id = nodes.get(0).liveStream(seller, "Redis calls");
		List<String> viewers = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			viewers.add(nodes.get(0).token("counted-" + i, "VIEWER", null));
		}
		long before = LuaCalls.soFar(cluster.bean(0, ClusterRedis.class));
		long started = System.nanoTime();
		for (int round = 0; round < 5; round++) {
			int shift = round;
			inParallel(200, i -> nodes.get((i + shift) % 3).post("/api/streams/" + id + "/heartbeat", viewers.get(i), null)
				.status());
			inParallel(200, i -> nodes.get(i % 3).get("/api/streams/" + id + "/engagement", null).status());
		}
		long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1);
		long calls = LuaCalls.soFar(cluster.bean(0, ClusterRedis.class)) - before;

		// 2,000 requests (a Lua call each before: a heartbeat, a figures read); now each node's ticks (exchange
		// 5/s, prune 2/s, one or two calls per live stream each) come to a few dozen calls a second
		assertThat(calls).as("Lua calls for 2,000 requests in %d s", seconds).isLessThan(150 * seconds)
			.isLessThan(1_000);
		awaitViewersOnEveryNode(id, 200);
	}

	@Test
	void readingTheFiguresOfManyStreamsThatAreNotLiveDoesNotMakeEveryTickExchangeThem() throws Exception {
		List<Long> planned = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			planned.add(nodes.get(0).post("/api/streams", seller, "{\"title\":\"Planned " + i + "\"}").json().get("id")
				.asLong());
		}
		try {
			for (int round = 0; round < 3; round++) {
				for (long id : planned) {
					assertThat(nodes.get(0).get("/api/streams/" + id + "/engagement", null).status()).isEqualTo(200);
				}
			}
			long before = LuaCalls.soFar(cluster.bean(0, ClusterRedis.class));
			Thread.sleep(2_000);
			long calls = LuaCalls.soFar(cluster.bean(0, ClusterRedis.class)) - before;

			// a tick exchanging every stream asked about would run 40 streams x 5 ticks a second x 2 s = 400 calls
			// on node 0 alone; only live streams are, and the three nodes' own live streams come to a few dozen
			assertThat(calls).as("Lua calls in 2 s after 120 reads of 40 planned streams").isLessThan(150);
		}
		finally {
			for (long id : planned) {
				nodes.get(0).post("/api/streams/" + id + "/end", seller, "{\"save\":false}");
			}
		}
	}

	@Test
	void aFlashSaleClaimedThroughThreeNodesAtOnceSellsExactlyItsStockAndAGiveawayTheyAllDrawHasOneWinner() throws Exception {
		long id = nodes.get(0).liveStream(seller, "Three-node sale");
		long product = nodes.get(0).post("/api/products", seller, """
				{"title":"Three-node drop","priceMinor":4999,"currency":"EUR","imageUrl":"https://shop.example.com/3.jpg",
				 "productUrl":"https://shop.example.com/p/3"}""").json().get("id").asLong();
		assertThat(nodes.get(0).put("/api/streams/" + id + "/showcase", seller, "{\"productIds\":[" + product + "]}").status())
			.isEqualTo(200);
		long sale = nodes.get(1).post("/api/streams/" + id + "/flash-sales", seller, """
				{"productId":%d,"priceMinor":2500,"stock":100,"perBuyerLimit":1,"startsInSeconds":10,"durationSeconds":120}"""
			.formatted(product)).json().get("id").asLong();
		JdbcClient database = cluster.bean(0, JdbcClient.class);
		// the countdown is not waited out: its start is moved into the past in the database all nodes share
		database.sql("update flash_sales set starts_at = :past where id = :id")
			.param("past", Timestamp.from(Instant.now().minusSeconds(1))).param("id", sale).update();
		List<String> buyers = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			buyers.add(nodes.get(0).token("buyer-" + sale + "-" + i, "VIEWER", null));
		}
		List<Integer> claims = inParallel(150, i -> nodes.get(i % 3)
			.post("/api/flash-sales/" + sale + "/claims", buyers.get(i), "{\"quantity\":1}").status());
		assertThat(claims.stream().filter(status -> status == 201).count()).as("granted over three nodes").isEqualTo(100);
		assertThat(claims.stream().filter(status -> status == 409).count()).as("told it sold out").isEqualTo(50);
		assertThat(database.sql("select units_taken from flash_sales where id = :id").param("id", sale).query(Integer.class)
			.single()).isEqualTo(100);
		for (ApiClient node : nodes) {
			assertThat(node.get("/api/flash-sales/" + sale, null).json().get("status").asString()).isEqualTo("SOLD_OUT");
		}

		long giveaway = nodes.get(2).post("/api/streams/" + id + "/giveaways", seller,
				"{\"entrySeconds\":60,\"chattersOnly\":false}").json().get("id").asLong();
		List<Integer> entries = inParallel(30, i -> {
			ApiClient node = nodes.get(i % 3);
			node.post("/api/streams/" + id + "/heartbeat", buyers.get(i), null);
			// in cluster mode a node learns of a viewer within one exchange tick (README): asking again meanwhile is
			// answered "only viewers watching"
			for (int attempt = 0; attempt < 100; attempt++) {
				ApiClient.Response entered = node.post("/api/giveaways/" + giveaway + "/entries", buyers.get(i), null);
				if (entered.status() == 201) {
					return entered.json().get("entryNumber").asInt();
				}
				assertThat(entered.status()).as(entered.body()).isEqualTo(403);
				sleepQuietly(100);
			}
			throw new AssertionError("viewer " + i + " was not counted as watching within 100 tries 100 ms apart");
		});
		assertThat(entries).as("one number each, 1 to 30, taken on three nodes").containsExactlyInAnyOrderElementsOf(
				java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList());
		database.sql("update giveaways set opens_at = :opened, closes_at = :past where id = :id")
			.param("opened", Timestamp.from(Instant.now().minusSeconds(61)))
			.param("past", Timestamp.from(Instant.now().minusSeconds(1))).param("id", giveaway).update();
		// every node runs the draw job (one at a time by its lock; the draw itself is a conditional update)
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			for (ApiClient node : nodes) {
				assertThat(node.get("/api/giveaways/" + giveaway, null).json().get("status").asString()).isEqualTo("DRAWN");
			}
		});
		assertThat(nodes.stream().map(node -> node.get("/api/giveaways/" + giveaway, null).json().get("winner")
			.get("entryNumber").asInt()).distinct().toList()).as("the same winner on every node").hasSize(1);
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitViewersOnEveryNode(long id, int expected) {
		// a tick or two on a quiet machine (README); room for a loaded one
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			for (ApiClient node : nodes) {
				assertThat(node.get("/api/streams/" + id + "/engagement", null).json().get("viewers").asInt())
					.isEqualTo(expected);
			}
		});
	}

	private static List<Integer> inParallel(int count, IntFunction<Integer> call) throws Exception {
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
			List<Future<Integer>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				futures.add(pool.submit(() -> call.apply(index)));
			}
			for (Future<Integer> future : futures) {
				statuses.add(future.get());
			}
		}
		return statuses;
	}
}
