package io.livepulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.SseClient;
import io.livepulse.support.Unique;

/**
 * With several nodes, a node may learn that another one ended a stream through a request of its own (the seller's
 * second End, an encoder reconnecting) before the other node's message arrives, which then finds nothing new: the
 * request's own read must tell this node's subscribers. The other node's end is played here by writing it to the
 * database behind this node's back.
 */
@LivePulseH2Test
class EndLearntThroughOwnRequestTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcStreamRepository repository;

	@Test
	void aStreamEndedElsewhereIsToldToThisNodesSubscribersWhenThisNodesOwnEndRequestReadsIt() throws Exception {
		ApiClient api = new ApiClient(port);
		String seller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		long id = api.liveStream(seller, "Ended on the other node");
		try (SseClient events = SseClient.open(api.baseUrl() + "/api/streams/" + id + "/events")) {
			events.awaitEvent("engagement", 5_000);
			assertThat(repository.markEnded(id, Instant.now(), false)).isTrue();
			assertThat(repository.storeFinalMetrics(id, FinalMetrics.none(5))).isTrue();

			assertThat(api.post("/api/streams/" + id + "/end", seller, null).status()).isEqualTo(200);

			assertThat(events.awaitEvent("ended", 3_000)).as("the ended event on this node's stream").isNotNull();
		}
	}
}
