package io.livepulse.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.LivePulseApplication;
import io.livepulse.support.ApiClient;
import io.livepulse.support.EmbeddedPostgres;
import io.livepulse.support.TestGroups;

/**
 * Concurrent likes, then a restart of the whole service on the same database: the count a
 * client was given, the rows in the log and the count after the restart are one number.
 */
class LikesSurviveRestartTests {

	private static final String SECRET = "restart-test-secret-0123456789abcdef";

	@Tag(TestGroups.SLOW)
	@Test
	void onH2() throws Exception {
		// a file database, as in the embedded default: a restart reopens it from disk
		String url = "jdbc:h2:file:./target/restart-test/" + java.util.UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
		likesAreExactAcrossARestart(() -> start(url, "sa", ""));
	}

	@Tag(TestGroups.POSTGRES)
	@Test
	void onPostgres() throws Exception {
		String url = EmbeddedPostgres.newDatabaseUrl();
		likesAreExactAcrossARestart(() -> start(url, "postgres", "postgres"));
	}

	private static ConfigurableApplicationContext start(String url, String user, String password) {
		return SpringApplication.run(LivePulseApplication.class, "--server.port=0", "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
				"--livepulse.security.jwt-secret=" + SECRET);
	}

	private static ApiClient api(ConfigurableApplicationContext context) {
		return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	private void likesAreExactAcrossARestart(Supplier<ConfigurableApplicationContext> service) throws Exception {
		long streamId;
		int accepted;
		try (ConfigurableApplicationContext first = service.get()) {
			ApiClient api = api(first);
			String seller = api.token("seller-1", "SELLER", 456L);
			streamId = api.liveStream(seller, "Restart");
			accepted = likeConcurrently(api, streamId, 50, 6);
			for (int viewer = 0; viewer < 3; viewer++) {
				api.post("/api/streams/" + streamId + "/heartbeat", null, null,
						java.util.Map.of("Cookie", api.viewerCookie(streamId)));
			}
			assertThat(api.get("/api/streams/" + streamId + "/engagement", null).json().get("likes").asLong())
				.isEqualTo(accepted);
			long rows = first.getBean(JdbcClient.class)
				.sql("select count(*) from stream_interactions where stream_id = :id and interaction_type = 'LIKE'")
				.param("id", streamId).query(Long.class).single();
			assertThat(rows).isEqualTo(accepted);
		}
		try (ConfigurableApplicationContext second = service.get()) {
			ApiClient api = api(second);
			assertThat(api.get("/api/streams/" + streamId + "/engagement", null).json().get("likes").asLong())
				.isEqualTo(accepted);
			String admin = api.token("admin", "ADMIN", null);
			assertThat(api.get("/api/admin/reconciliation", admin).json().get("consistent").asBoolean()).isTrue();
			var finalMetrics = api.post("/api/streams/" + streamId + "/end", admin, null).json().get("finalMetrics");
			assertThat(finalMetrics.get("likes").asLong()).isEqualTo(accepted);
			assertThat(finalMetrics.get("peakViewers").asInt()).as("peak survives the restart").isEqualTo(3);
			assertThat(finalMetrics.get("uniqueViewers").asInt()).isEqualTo(3);
		}
	}

	private static int likeConcurrently(ApiClient api, long streamId, int users, int likesEach) throws Exception {
		List<String> tokens = new ArrayList<>();
		for (int user = 0; user < users; user++) {
			tokens.add(api.token("fan-" + user, "VIEWER", null));
		}
		AtomicInteger accepted = new AtomicInteger();
		try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
			List<Future<?>> work = new ArrayList<>();
			for (int i = 0; i < likesEach; i++) {
				for (String token : tokens) {
					work.add(pool.submit(() -> {
						if (api.post("/api/streams/" + streamId + "/likes", token, null).status() == 200) {
							accepted.incrementAndGet();
						}
					}));
				}
			}
			for (Future<?> future : work) {
				future.get();
			}
		}
		return accepted.get();
	}
}
