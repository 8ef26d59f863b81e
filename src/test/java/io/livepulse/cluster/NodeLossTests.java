package io.livepulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ClusterNodes;
import io.livepulse.support.EmbeddedPostgres;
import io.livepulse.support.EmbeddedRedis;
import io.livepulse.support.ForkedNode;
import io.livepulse.support.TestGroups;

/**
 * One node of two goes away while viewers heartbeat and a fan likes through both, once stopped cleanly
 * and once killed with SIGKILL in a JVM of its own: the other node keeps serving, the lost node's viewer
 * drops out after the viewer timeout, and no acknowledged like is lost (answers, rows and final metrics), nor the
 * webhook of an order the killed node acknowledged.
 */
@Tag(TestGroups.CLUSTER)
@Tag(TestGroups.POSTGRES)
class NodeLossTests {

	static EmbeddedRedis redis;
	static ClusterNodes cluster;
	static ForkedNode forked;
	static ApiClient a;

	@BeforeAll
	static void start() {
		redis = EmbeddedRedis.start();
		cluster = new ClusterNodes(EmbeddedPostgres.newDatabaseUrl(), redis);
		cluster.startNode();
		a = cluster.api(0);
		String admin = a.token("admin", "ADMIN", null);
		String settings = a.get("/api/admin/settings", admin).body();
		assertThat(a.put("/api/admin/settings", admin,
				settings.replaceFirst("\"viewerTimeoutSeconds\":\\d+", "\"viewerTimeoutSeconds\":5")).status())
			.isEqualTo(200);
	}

	@AfterAll
	static void stop() {
		if (forked != null) {
			forked.close();
		}
		ClusterNodes.stop(cluster, redis);
	}

	@Test
	void aNodeStoppedCleanlyLosesNoAcknowledgedLikeAndItsViewerDropsOut() throws Exception {
		int b = cluster.startNode();
		loseNodeWhileServing(cluster.api(b), () -> cluster.context(b).close(), "Stopped node");
	}

	/**
	 * Killed while it waits for a shop's answer to the webhook of an order it acknowledged: the other node sends the
	 * same delivery (same id) once the dead node's lease runs out.
	 */
	@Test
	void aNodeKilledWithSigkillLosesNoAcknowledgedLikeNorTheWebhookOfAnOrderItAcknowledged() throws Exception {
		// the killed node's lease on a delivery: its 2 s timeout and 5 s more
		forked = cluster.forkNode("node-killed", "livepulse.webhooks.timeout=2s");
		String seller = a.token("seller-1", "SELLER", 456L);
		try (HangingShop shop = new HangingShop()) {
			assertThat(a.post("/api/webhooks", seller, "{\"url\":\"" + shop.url() + "\",\"events\":[\"order.attributed\"]}")
				.status()).isEqualTo(201);
			long endpoint = a.get("/api/webhooks", seller).json().get(0).get("id").asLong();
			long shopStream = a.liveStream(seller, "Orders before the kill");
			long product = a.post("/api/products", seller, """
					{"title":"Lamp","priceMinor":1500,"currency":"EUR","imageUrl":"https://shop.example.com/l.jpg",
					 "productUrl":"https://shop.example.com/l"}""").json().get("id").asLong();
			a.put("/api/streams/" + shopStream + "/showcase", seller, "{\"productIds\":[" + product + "]}");

			loseNodeWhileServing(forked.api(), () -> {
				assertThat(forked.api().post("/api/streams/" + shopStream + "/purchases", a.token("shop", "COMMERCE", null), """
						{"orderId":"KILL-1","amountMinor":1500,"currency":"EUR","buyerId":"b1","productId":%d,"quantity":1}"""
					.formatted(product)).status()).isEqualTo(201);
				await().atMost(Duration.ofSeconds(5)).until(() -> shop.webhookIds.size() == 1);
				forked.kill();
				assertThat(forked.isAlive()).isFalse();
			}, "Killed node");

			await().atMost(Duration.ofSeconds(20)).until(() -> shop.webhookIds.size() >= 2);
			assertThat(shop.webhookIds).as("the same delivery, sent again by the node left").hasSize(2)
				.containsOnly(shop.webhookIds.getFirst());
			await().atMost(Duration.ofSeconds(5)).until(() -> "SUCCEEDED".equals(a.get("/api/webhooks/" + endpoint + "/deliveries",
					seller).json().get(0).get("status").asString()));
			a.delete("/api/webhooks/" + endpoint, seller);
		}
	}

	private static void loseNodeWhileServing(ApiClient b, Runnable loseB, String title) throws Exception {
		long id = a.liveStream(a.token("seller-1", "SELLER", 456L), title);
		String onA = a.viewerCookie(id);
		String onB = b.viewerCookie(id);
		String fan = a.token("fan", "VIEWER", null);

		AtomicBoolean running = new AtomicBoolean(true);
		AtomicBoolean bLost = new AtomicBoolean();
		AtomicLong acknowledged = new AtomicLong();
		AtomicLong acknowledgedByB = new AtomicLong();
		AtomicLong acknowledgedByAAfterLoss = new AtomicLong();
		Thread traffic = Thread.ofVirtual().start(() -> {
			for (int i = 0; running.get(); i++) {
				boolean lost = bLost.get();
				heartbeat(a, id, onA);
				if (!lost) {
					heartbeat(b, id, onB);
				}
				ApiClient node = i % 2 == 0 || lost ? a : b;
				try {
					if (node.post("/api/streams/" + id + "/likes", fan, null).status() == 200) {
						acknowledged.incrementAndGet();
						if (node == b) {
							acknowledgedByB.incrementAndGet();
						}
						else if (lost) {
							acknowledgedByAAfterLoss.incrementAndGet();
						}
					}
				}
				catch (RuntimeException nodeGone) {
					// a request to the node that went away; not acknowledged
				}
				sleep(120);
			}
		});
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(viewers(a, id)).isEqualTo(2));
		await().atMost(Duration.ofSeconds(5)).until(() -> acknowledgedByB.get() >= 3);

		bLost.set(true);
		loseB.run();

		// B's viewer drops out after the 5 s viewer timeout (room for a loaded machine's stalls between A's
		// heartbeats); A keeps counting its own and taking likes
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(viewers(a, id)).isEqualTo(1));
		Thread.sleep(1_000);
		running.set(false);
		traffic.join();

		assertThat(viewers(a, id)).isEqualTo(1);
		assertThat(acknowledgedByAAfterLoss.get()).as("likes A acknowledged after B was gone").isPositive();
		long stored = storedLikes(id);
		assertThat(stored).as("every acknowledged like is stored").isGreaterThanOrEqualTo(acknowledged.get());
		// requests are sent one at a time: at most the one in flight when B went away is stored unanswered
		assertThat(stored).as("every stored like was acknowledged or in flight at the loss")
			.isLessThanOrEqualTo(acknowledged.get() + 1);
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
				a.get("/api/streams/" + id + "/engagement", null).json().get("likes").asLong()).isEqualTo(stored));

		assertThat(a.post("/api/streams/" + id + "/end", a.token("seller-1", "SELLER", 456L), "{\"save\":true}")
			.status()).isEqualTo(200);
		assertThat(jdbc().sql("select like_count from live_streams where id = :id").param("id", id).query(Long.class)
			.single()).as("final metrics").isEqualTo(stored);
	}

	private static long storedLikes(long id) {
		return jdbc().sql("select count(*) from stream_interactions where stream_id = :id and interaction_type = 'LIKE'")
			.param("id", id).query(Long.class).single();
	}

	private static JdbcClient jdbc() {
		return cluster.bean(0, JdbcClient.class);
	}

	private static int viewers(ApiClient node, long id) {
		return node.get("/api/streams/" + id + "/engagement", null).json().get("viewers").asInt();
	}

	private static void heartbeat(ApiClient node, long id, String device) {
		try {
			node.post("/api/streams/" + id + "/heartbeat", null, null, Map.of("Cookie", device));
		}
		catch (RuntimeException nodeGone) {
			// the node that went away
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
