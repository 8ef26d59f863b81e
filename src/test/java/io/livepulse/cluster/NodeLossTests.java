package io.livepulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ClusterNodes;
import io.livepulse.support.EmbeddedPostgres;
import io.livepulse.support.EmbeddedRedis;

/**
 * One node of two stops while viewers heartbeat and a fan likes through both: the other node keeps
 * serving, the stopped node's viewer drops out after the viewer timeout, and no acknowledged like is lost.
 */
class NodeLossTests {

	static EmbeddedRedis redis;
	static ClusterNodes cluster;

	@BeforeAll
	static void start() {
		redis = EmbeddedRedis.start();
		cluster = new ClusterNodes(EmbeddedPostgres.newDatabaseUrl(), redis);
		cluster.startNode();
		cluster.startNode();
	}

	@AfterAll
	static void stop() {
		if (cluster != null) {
			cluster.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void theOtherNodeKeepsServingItsViewersDropOutAndNoAcknowledgedLikeIsLost() throws Exception {
		ApiClient a = cluster.api(0);
		ApiClient b = cluster.api(1);
		String admin = a.token("admin", "ADMIN", null);
		String settings = a.get("/api/admin/settings", admin).body();
		assertThat(a.put("/api/admin/settings", admin,
				settings.replaceFirst("\"viewerTimeoutSeconds\":\\d+", "\"viewerTimeoutSeconds\":2")).status())
			.isEqualTo(200);
		long id = a.liveStream(a.token("seller-1", "SELLER", 456L), "Node loss");
		String onA = a.viewerCookie(id);
		String onB = b.viewerCookie(id);
		String fan = a.token("fan", "VIEWER", null);

		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong acknowledged = new AtomicLong();
		AtomicBoolean bStopped = new AtomicBoolean();
		Thread traffic = Thread.ofVirtual().start(() -> {
			for (int i = 0; running.get(); i++) {
				heartbeat(a, id, onA);
				if (!bStopped.get()) {
					heartbeat(b, id, onB);
				}
				ApiClient node = i % 2 == 0 || bStopped.get() ? a : b;
				try {
					if (node.post("/api/streams/" + id + "/likes", fan, null).status() == 200) {
						acknowledged.incrementAndGet();
					}
				}
				catch (RuntimeException nodeGone) {
					// a request to the node that stopped; not acknowledged
				}
				sleep(120);
			}
		});
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(viewers(a, id)).isEqualTo(2));

		bStopped.set(true);
		cluster.context(1).close();

		// B's viewer drops out after the 2 s viewer timeout; A keeps counting its own
		await().atMost(Duration.ofSeconds(6)).untilAsserted(() -> assertThat(viewers(a, id)).isEqualTo(1));
		Thread.sleep(1_000);
		running.set(false);
		traffic.join();

		assertThat(viewers(a, id)).isEqualTo(1);
		long stored = cluster.bean(0, JdbcClient.class)
			.sql("select count(*) from stream_interactions where stream_id = :id and interaction_type = 'LIKE'")
			.param("id", id).query(Long.class).single();
		assertThat(acknowledged.get()).isPositive();
		assertThat(stored).as("every acknowledged like is stored").isGreaterThanOrEqualTo(acknowledged.get());
		assertThat(stored).as("the fan is limited but every stored like was acknowledged or in flight at the stop")
			.isLessThanOrEqualTo(acknowledged.get() + 1);
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
				a.get("/api/streams/" + id + "/engagement", null).json().get("likes").asLong()).isEqualTo(stored));
	}

	private static int viewers(ApiClient node, long id) {
		return node.get("/api/streams/" + id + "/engagement", null).json().get("viewers").asInt();
	}

	private static void heartbeat(ApiClient node, long id, String device) {
		try {
			node.post("/api/streams/" + id + "/heartbeat", null, null, Map.of("Cookie", device));
		}
		catch (RuntimeException nodeGone) {
			// the node that stopped
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
