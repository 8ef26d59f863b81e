package io.livepulse.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.AtOnce;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.LivePulsePostgresTest;

/**
 * Saves of the embed origins at the same moment (a double click, two admins, two nodes) on PostgreSQL, where two
 * transactions that each delete the list and write their own would otherwise collide (500) or merge.
 */
@LivePulsePostgresTest
class EmbedOriginsSavedAtOnceTests {

	static final int AT_ONCE = 6;

	@LocalServerPort
	int port;

	@AfterEach
	void emptyTheList() {
		ApiClient api = new ApiClient(port);
		api.put("/api/admin/embed-origins", api.token("admin", "ADMIN", null), "{\"origins\":[]}");
	}

	@Test
	void savesAtOnceAllSucceedAndTheListIsExactlyOneOfThem() {
		ApiClient api = new ApiClient(port);
		String admin = api.token("admin", "ADMIN", null);
		for (int round = 0; round < 3; round++) {
			List<Set<String>> asked = new ArrayList<>();
			for (int i = 0; i < AT_ONCE; i++) {
				// each save also asks for one common origin, so both a merge and a collision could show
				asked.add(Set.of("https://shop" + i + ".example.com", "https://common.example.com"));
			}
			List<Response> answers = putAtOnce(api, admin, asked);

			assertThat(answers).extracting(Response::status).as("round %d", round).containsOnly(200);
			Set<String> stored = Set.copyOf(api.get("/api/admin/embed-origins", admin).json().get("origins").valueStream()
				.map(origin -> origin.asString()).toList());
			assertThat(asked).as("the stored list is one save's, never a merge").contains(stored);
		}
	}

	private static List<Response> putAtOnce(ApiClient api, String admin, List<Set<String>> lists) {
		return AtOnce.call(lists.size(), i -> api.put("/api/admin/embed-origins", admin,
				"{\"origins\":[\"" + String.join("\",\"", lists.get(i)) + "\"]}"));
	}
}
