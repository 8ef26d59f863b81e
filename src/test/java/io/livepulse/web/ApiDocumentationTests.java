package io.livepulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.LivePulseH2Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document lists every endpoint of the HTTP API (SPEC section 12) with its problem answers. */
@LivePulseH2Test
class ApiDocumentationTests {

	/** SPEC section 12, method and path as the document writes them. */
	private static final List<String> SPEC_ENDPOINTS = List.of("post /api/dev/token", "post /api/streams",
			"get /api/streams", "get /api/streams/{id}", "get /api/streams/{id}/key", "post /api/streams/{id}/key/rotate",
			"post /api/streams/{id}/start", "post /api/streams/{id}/end", "post /api/streams/{id}/heartbeat",
			"post /api/streams/{id}/leave", "post /api/streams/{id}/likes", "post /api/streams/{id}/purchases",
			"get /api/streams/{id}/engagement", "get /api/streams/{id}/stats", "get /api/streams/{id}/events",
			"get /api/streams/{id}/analytics", "get /api/streams/{id}/analytics.csv", "get /api/replays",
			"get /api/admin/settings", "put /api/admin/settings", "get /api/admin/settings/audit",
			"get /api/admin/streams", "post /api/media/nginx-rtmp/publish", "post /api/media/nginx-rtmp/publish-done",
			"post /api/media/nginx-rtmp/update", "post /api/media/nginx-rtmp/record-done",
			"post /api/media/mediamtx/auth", "post /api/media/srs/hooks", "get /api/streams/{id}/video",
			"get /api/streams/{id}/media", "get /api/admin/media", "post /api/products", "get /api/products",
			"put /api/products/{id}", "delete /api/products/{id}", "get /api/streams/{id}/showcase",
			"put /api/streams/{id}/showcase", "post /api/streams/{id}/pin", "delete /api/streams/{id}/pin",
			"get /go/{streamId}/{productId}", "get /api/streams/{id}/products/stats", "get /api/admin/shop-domains",
			"put /api/admin/shop-domains", "post /api/streams/{id}/chat", "get /api/streams/{id}/chat",
			"delete /api/streams/{id}/chat/{messageId}", "post /api/streams/{id}/chat/timeouts",
			"put /api/streams/{id}/chat/settings", "post /api/sellers/me/bans",
			"put /api/sellers/me/blocked-terms", "put /api/admin/blocked-terms", "get /api/streams/{id}/chat/review",
			"post /api/streams/{id}/chat/{messageId}/release", "post /api/streams/{id}/chat/{messageId}/reports",
			"post /api/streams/{id}/chat/{messageId}/pin", "delete /api/streams/{id}/chat/pin",
			"get /api/admin/chat/review", "get /api/admin/chat/link-hosts", "put /api/admin/chat/link-hosts");

	@LocalServerPort
	int port;

	@Test
	void everySpecEndpointIsDocumentedWithItsProblemAnswers() {
		ApiClient.Response docs = new ApiClient(port).get("/v3/api-docs", null);

		assertThat(docs.status()).isEqualTo(200);
		JsonNode paths = docs.json().get("paths");
		List<String> documented = new ArrayList<>();
		paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
			documented.add(operation.getKey() + " " + path.getKey());
			JsonNode problem = operation.getValue().get("responses").get("4XX");
			assertThat(problem).as(operation.getKey() + " " + path.getKey() + " documents its problems").isNotNull();
			assertThat(problem.get("content").has("application/problem+json")).isTrue();
			JsonNode parameters = operation.getValue().get("parameters");
			if (parameters != null) {
				assertThat(parameters.valueStream().map(parameter -> parameter.get("name").asString()))
					.as("the caller comes from the token, not a parameter").doesNotContain("caller");
			}
		}));
		assertThat(documented).containsAll(SPEC_ENDPOINTS);
		assertThat(docs.json().get("components").get("schemas").has("Problem")).isTrue();
	}
}
