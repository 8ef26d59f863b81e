package io.livepulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.Unique;

/**
 * A rehearsal exists only for its seller and admins. Every stream-scoped path the service maps (read
 * from the MVC handler mapping, so a path added later is walked too) is called on a started rehearsal
 * as a viewer and as another seller, and must answer exactly what the same call on an unknown id
 * answers: the same 404 problem (or page), never a 403 that confirms the rehearsal exists.
 */
@LivePulseH2Test
class RehearsalHiddenOnEveryPathTests {

	private static final long UNKNOWN_ID = 987_654_321L;

	/** Paths refused by role before any stream is looked at: the same answer as an unknown id, but not a 404. */
	private static final Set<String> REFUSED_BY_ROLE_FIRST = Set.of("POST /api/streams/{id}/purchases");

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlerMapping;

	@Test
	void everyStreamPathAnswersARehearsalsOutsidersExactlyAsAnUnknownId() {
		ApiClient api = new ApiClient(port);
		String owner = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		long rehearsal = api.startedStream(owner, "Hidden rehearsal", "REHEARSAL");
		long product = api.post("/api/products", owner, """
				{"title":"Hidden product","priceMinor":1999,"currency":"EUR",
				 "imageUrl":"https://shop.example.com/h.jpg","productUrl":"https://shop.example.com/h"}
				""").json().get("id").asLong();
		assertThat(api.put("/api/streams/" + rehearsal + "/showcase", owner, "{\"productIds\":[" + product + "]}").status())
			.isEqualTo(200);
		long message = api.post("/api/streams/" + rehearsal + "/chat", owner, "{\"text\":\"practice line\"}")
			.json().get("id").asLong();
		assertThat(api.get("/api/streams/" + rehearsal, owner).status()).as("its seller sees it").isEqualTo(200);
		Map<String, String> outsiders = Map.of("viewer", api.token("viewer-1", "VIEWER", null),
				"another seller", api.token(Unique.user("seller"), "SELLER", Unique.vendorId()));

		List<String> endpoints = streamEndpoints();
		assertThat(endpoints).as("the stream-scoped paths found in the handler mapping")
			.contains("POST /api/streams/{id}/start", "GET /api/streams/{id}/analytics", "GET /api/streams/{id}/chat/review",
					"PUT /api/streams/{id}/showcase", "GET /api/streams/{id}/key", "GET /go/{streamId}/{productId}");
		List<String> leaks = new ArrayList<>();
		for (String endpoint : endpoints) {
			String method = endpoint.substring(0, endpoint.indexOf(' '));
			String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
			for (Map.Entry<String, String> outsider : outsiders.entrySet()) {
				String hiddenPath = path(pattern, rehearsal, product, message);
				String unknownPath = path(pattern, UNKNOWN_ID, product, message);
				Response hidden = call(api, method, hiddenPath, body(endpoint, product), outsider.getValue());
				Response unknown = call(api, method, unknownPath, body(endpoint, product), outsider.getValue());
				int expected = REFUSED_BY_ROLE_FIRST.contains(endpoint) ? unknown.status() : 404;
				if (hidden.status() != expected || unknown.status() != expected
						|| !normalized(hidden.body(), hiddenPath, rehearsal).equals(normalized(unknown.body(), unknownPath, UNKNOWN_ID))
						|| !hidden.contentType().equals(unknown.contentType())) {
					leaks.add("%s as %s: %d %s vs an unknown id's %d %s".formatted(endpoint, outsider.getKey(),
							hidden.status(), abbreviated(hidden.body()), unknown.status(), abbreviated(unknown.body())));
				}
			}
		}
		if (!leaks.isEmpty()) {
			fail(leaks.size() + " answer(s) tell an outsider the rehearsal exists:\n  " + String.join("\n  ", leaks));
		}
	}

	/** "METHOD pattern" of every mapped path that names one stream. */
	private List<String> streamEndpoints() {
		Set<String> endpoints = new TreeSet<>();
		handlerMapping.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
			.filter(pattern -> pattern.startsWith("/api/streams/{id}") || pattern.startsWith("/go/{streamId}")
					|| pattern.equals("/live/{id}"))
			.forEach(pattern -> info.getMethodsCondition().getMethods()
				.forEach(method -> endpoints.add(method.name() + " " + pattern))));
		return List.copyOf(endpoints);
	}

	private static String path(String pattern, long streamId, long product, long message) {
		return pattern.replace("{id}", String.valueOf(streamId)).replace("{streamId}", String.valueOf(streamId))
			.replace("{productId}", String.valueOf(product)).replace("{messageId}", String.valueOf(message))
			.replace("{publish}", "00ff");
	}

	/** A valid body where the path takes one, so no answer is decided by the body before the stream. */
	private static String body(String endpoint, long product) {
		return switch (endpoint) {
			case "POST /api/streams/{id}/end" -> "{\"save\":true}";
			case "PUT /api/streams/{id}/showcase" -> "{\"productIds\":[" + product + "]}";
			case "POST /api/streams/{id}/pin" -> "{\"productId\":" + product + "}";
			case "POST /api/streams/{id}/giveaways" -> "{\"entrySeconds\":60,\"chattersOnly\":false}";
			case "POST /api/streams/{id}/auctions" -> "{\"productId\":" + product
					+ ",\"startingPriceMinor\":1000,\"durationSeconds\":60,\"suddenDeath\":false}";
			case "POST /api/streams/{id}/flash-sales" -> "{\"productId\":" + product
					+ ",\"priceMinor\":1000,\"stock\":5,\"perBuyerLimit\":1,\"startsInSeconds\":10,\"durationSeconds\":60}";
			case "POST /api/streams/{id}/chat" -> "{\"text\":\"hello?\"}";
			case "POST /api/streams/{id}/chat/timeouts" -> "{\"userId\":\"bystander\",\"minutes\":1}";
			case "POST /api/streams/{id}/chat/bans" -> "{\"userId\":\"bystander\"}";
			case "PUT /api/streams/{id}/chat/settings" -> "{\"enabled\":true,\"slowModeSeconds\":0}";
			case "POST /api/streams/{id}/purchases" ->
				"{\"orderId\":\"o-1\",\"amountMinor\":100,\"currency\":\"EUR\",\"buyerId\":\"b\"}";
			default -> null;
		};
	}

	private static Response call(ApiClient api, String method, String path, String body, String token) {
		if (path.endsWith("/events")) {
			return api.statusOfEventStream(path, Map.of("Authorization", "Bearer " + token));
		}
		if (path.startsWith("/live/") || path.startsWith("/go/")) {
			return api.exchange(method, path, null, null, null,
					Map.of("Accept", "text/html", "Cookie", TokenVerifier.PAGE_COOKIE + "=" + token));
		}
		if (path.endsWith("/whip")) {
			return api.exchange(method, path, token, "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\n", "application/sdp",
					Map.of());
		}
		return api.exchange(method, path, token, body, body == null ? null : "application/json", Map.of());
	}

	/**
	 * The body made comparable to another stream id's: the path and "Stream <id>" blanked (only there, as
	 * small ids also stand for other things), and page nonces.
	 */
	private static String normalized(String body, String path, long id) {
		return body.replace(path, "{path}").replaceAll("(?i)\\bstream " + id + "\\b", "Stream {id}")
			.replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"");
	}

	private static String abbreviated(String body) {
		String flat = body.replaceAll("\\s+", " ").strip();
		return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
	}
}
