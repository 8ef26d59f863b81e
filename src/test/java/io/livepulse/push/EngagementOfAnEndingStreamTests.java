package io.livepulse.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.stream.StreamService;
import io.livepulse.support.ApiClient;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

/**
 * Between an end's mark and its frozen figures (a short gap, longer when the freeze fails) the public view of the
 * ended stream must not show the viewers still held: it never hides an ended stream's count (a seller who hides
 * small audiences would have theirs shown), and nobody watches an ended stream.
 */
@LivePulseH2Test
class EngagementOfAnEndingStreamTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StreamService streams;

	@Test
	void anEndedStreamWhoseFiguresAreNotFrozenYetShowsNoViewers() {
		ApiClient api = new ApiClient(port);
		String seller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		long id = api.liveStream(seller, "Ending");
		for (int i = 0; i < 2; i++) {
			api.post("/api/streams/" + id + "/heartbeat", null, null, Map.of("Cookie", api.viewerCookie(id)));
		}
		assertThat(api.get("/api/streams/" + id + "/engagement", null).json().get("viewers").asInt()).isEqualTo(2);
		// the end's first step, as a request whose freeze has not finished yet leaves it
		jdbc.sql("update live_streams set status = 'ENDED', ended_at = :at where id = :id")
			.param("at", new Timestamp(System.currentTimeMillis())).param("id", id).update();
		streams.refresh(id);
		try {
			JsonNode ending = api.get("/api/streams/" + id + "/engagement", null).json();

			assertThat(ending.get("status").asString()).isEqualTo("ENDED");
			assertThat(ending.get("viewers").asInt()).isZero();
		}
		finally {
			api.post("/api/streams/" + id + "/end", seller, null); // finishes the half-done end
		}
	}
}
