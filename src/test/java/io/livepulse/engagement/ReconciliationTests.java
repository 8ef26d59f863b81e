package io.livepulse.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.support.ApiClient;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

@LivePulseH2Test
class ReconciliationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void reconciliationFindsARowThatBypassedTheCounters() {
		ApiClient api = new ApiClient(port);
		String seller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		String admin = api.token("admin", "ADMIN", null);
		String viewer = api.token(Unique.user("viewer"), "VIEWER", null);
		long id = api.liveStream(seller, "Audit");
		api.post("/api/streams/" + id + "/likes", viewer, null);
		assertThat(differencesOf(api.get("/api/admin/reconciliation", admin).json(), id)).isEmpty();

		jdbc.sql("""
				insert into stream_interactions (stream_id, user_id, interaction_type, is_simulated, created_at)
				values (:id, 'intruder', 'LIKE', false, :at)
				""").param("id", id).param("at", new Timestamp(System.currentTimeMillis())).update();
		try {
			JsonNode report = api.get("/api/admin/reconciliation", admin).json();
			assertThat(report.get("consistent").asBoolean()).isFalse();
			List<JsonNode> differences = differencesOf(report, id);
			assertThat(differences).hasSize(1);
			JsonNode difference = differences.get(0);
			assertThat(difference.get("figure").asString()).isEqualTo("likes");
			assertThat(difference.get("inMemory").asLong()).isEqualTo(1);
			assertThat(difference.get("inLog").asLong()).isEqualTo(2);
			assertThat(api.get("/api/admin/reconciliation", viewer).status()).isEqualTo(403);
		}
		finally {
			// the report covers every stream of the shared context: the other tests expect it consistent
			jdbc.sql("delete from stream_interactions where stream_id = :id and user_id = 'intruder'").param("id", id)
				.update();
		}
	}

	private static List<JsonNode> differencesOf(JsonNode report, long streamId) {
		return report.get("differences").valueStream().filter(d -> d.get("streamId").asLong() == streamId).toList();
	}
}
