package io.livepulse.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.Databases;

/**
 * A like row the database refuses fails alone: the other likes of its group commit are written,
 * counted and acknowledged. The window is long here so that all of them share one batch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "livepulse.engagement.group-commit-window=300ms")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BadLikeRowIsolationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	@Test
	void oneRowTheDatabaseRefusesDoesNotFailTheRestOfItsBatch() throws Exception {
		ApiClient api = new ApiClient(port);
		long id = api.liveStream(api.token("seller-1", "SELLER", 456L), "Batch");
		jdbc.sql("alter table stream_interactions add constraint refuses_poison check (user_id <> 'poison')").update();
		List<String> likers = new ArrayList<>(List.of("poison"));
		for (int i = 0; i < 11; i++) {
			likers.add("fan-" + i);
		}
		List<String> tokens = likers.stream().map(user -> api.token(user, "VIEWER", null)).toList();

		List<Response> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(tokens.size())) {
			List<Future<Response>> futures = tokens.stream()
				.map(token -> pool.submit(() -> api.post("/api/streams/" + id + "/likes", token, null))).toList();
			for (Future<Response> future : futures) {
				answers.add(future.get());
			}
		}

		assertThat(answers.get(0).status()).isEqualTo(422);
		assertThat(answers.get(0).isProblem()).isTrue();
		assertThat(answers.subList(1, answers.size())).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
		assertThat(api.get("/api/streams/" + id + "/engagement", null).json().get("likes").asLong()).isEqualTo(11);
		assertThat(api.get("/api/admin/reconciliation", api.token("admin", "ADMIN", null)).json().get("consistent")
			.asBoolean()).isTrue();
	}
}
