package io.livepulse.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.ApiClient;
import io.livepulse.support.Databases;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReconciliationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	@Test
	void reconciliationFindsARowThatBypassedTheCounters() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		String admin = api.token("admin", "ADMIN", null);
		String viewer = api.token("viewer-1", "VIEWER", null);
		long id = api.liveStream(seller, "Audit");
		api.post("/api/streams/" + id + "/likes", viewer, null);
		assertThat(api.get("/api/admin/reconciliation", admin).json().get("consistent").asBoolean()).isTrue();

		jdbc.sql("""
				insert into stream_interactions (stream_id, user_id, interaction_type, is_simulated, created_at)
				values (:id, 'intruder', 'LIKE', false, :at)
				""").param("id", id).param("at", new Timestamp(System.currentTimeMillis())).update();

		JsonNode report = api.get("/api/admin/reconciliation", admin).json();
		assertThat(report.get("consistent").asBoolean()).isFalse();
		JsonNode difference = report.get("differences").get(0);
		assertThat(difference.get("streamId").asLong()).isEqualTo(id);
		assertThat(difference.get("figure").asString()).isEqualTo("likes");
		assertThat(difference.get("inMemory").asLong()).isEqualTo(1);
		assertThat(difference.get("inLog").asLong()).isEqualTo(2);
		assertThat(api.get("/api/admin/reconciliation", viewer).status()).isEqualTo(403);
	}
}
