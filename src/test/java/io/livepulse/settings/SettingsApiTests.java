package io.livepulse.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.SseClient;
import io.livepulse.support.TestGroups;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

@LivePulseH2Test
class SettingsApiTests {

	static final String DEFAULTS = """
			{"simulatedViewersEnabled":true,"minSimulatedViewers":15,"maxSimulatedViewers":100,
			 "viewerIncreasePerMinute":5,"viewerDecreasePerMinute":3,"simulatedLikesEnabled":true,
			 "simulatedLikesPerMinute":3,"engagementMultiplier":2.0,"viewerTimeoutSeconds":30,
			 "likeRateLimitPerSecond":10,"hideViewerCountBelow":0,"maxViewersPerAddress":25}
			""";

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	SettingsRepository repository;

	private static String found;

	ApiClient api;
	String admin;
	String seller;

	@BeforeEach
	void resetToDefaults() {
		api = new ApiClient(port);
		admin = api.token("admin", "ADMIN", null);
		seller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		if (found == null) {
			found = api.get("/api/admin/settings", admin).body();
		}
		assertThat(api.put("/api/admin/settings", admin, DEFAULTS).status()).isEqualTo(200);
	}

	/** The settings are the whole service's: the other tests in this context get them back as found. */
	@AfterEach
	void putTheSettingsBack() {
		api.put("/api/admin/settings", admin, found);
	}

	private static String with(String field, String value) {
		return DEFAULTS.replaceFirst("\"" + field + "\":[^,}]+", "\"" + field + "\":" + value);
	}

	@Test
	void getReturnsExactlyTheDocumentedShapeAndDefaults() {
		JsonNode settings = api.get("/api/admin/settings", admin).json();

		assertThat(settings.propertyNames()).containsExactlyInAnyOrder("simulatedViewersEnabled",
				"minSimulatedViewers", "maxSimulatedViewers", "viewerIncreasePerMinute", "viewerDecreasePerMinute",
				"simulatedLikesEnabled", "simulatedLikesPerMinute", "engagementMultiplier", "viewerTimeoutSeconds",
				"likeRateLimitPerSecond", "hideViewerCountBelow", "maxViewersPerAddress");
		assertThat(settings.get("minSimulatedViewers").asInt()).isEqualTo(15);
		assertThat(settings.get("maxViewersPerAddress").asInt()).isEqualTo(25);
		assertThat(settings.get("maxSimulatedViewers").asInt()).isEqualTo(100);
		assertThat(settings.get("engagementMultiplier").asDouble()).isEqualTo(2.0);
	}

	@Test
	void invalidSettingsAreFieldErrorsAndChangeNothing() {
		record Case(String body, String field) {
		}
		List<Case> cases = List.of(
				new Case(with("minSimulatedViewers", "200"), "minSimulatedViewers"),
				new Case(with("viewerIncreasePerMinute", "-1"), "viewerIncreasePerMinute"),
				new Case(with("engagementMultiplier", "0"), "engagementMultiplier"),
				new Case(with("engagementMultiplier", "50"), "engagementMultiplier"),
				new Case(with("maxSimulatedViewers", "\"lots\""), "maxSimulatedViewers"),
				new Case(with("simulatedLikesPerMinute", "6001"), "simulatedLikesPerMinute"),
				new Case(with("likeRateLimitPerSecond", "1.9"), "likeRateLimitPerSecond"),
				new Case(with("likeRateLimitPerSecond", "\"10\""), "likeRateLimitPerSecond"),
				new Case(with("simulatedViewersEnabled", "1"), "simulatedViewersEnabled"),
				new Case(with("maxViewersPerAddress", "0"), "maxViewersPerAddress"),
				new Case(DEFAULTS.replace("\"hideViewerCountBelow\":0", "\"other\":1"), "hideViewerCountBelow"));
		int auditBefore = api.get("/api/admin/settings/audit", admin).json().size();

		for (Case invalid : cases) {
			Response response = api.put("/api/admin/settings", admin, invalid.body());
			assertThat(response.status()).as(invalid.body()).isEqualTo(400);
			assertThat(response.isProblem()).isTrue();
			assertThat(response.json().get("errors").findValuesAsString("field")).as(response.body())
				.contains(invalid.field());
		}

		assertThat(api.get("/api/admin/settings", admin).json()).isEqualTo(new ApiClient.Response(200,
				"application/json", DEFAULTS, java.util.Map.of()).json());
		assertThat(api.get("/api/admin/settings/audit", admin).json().size()).isEqualTo(auditBefore);
	}

	@Test
	void everyFieldErrorIsReportedInOneAnswerBlanksAndRangesAlike() {
		String body = DEFAULTS.replaceFirst("\"simulatedLikesPerMinute\":[^,}]+", "\"simulatedLikesPerMinute\":null")
			.replaceFirst("\"hideViewerCountBelow\":[^,}]+", "\"hideViewerCountBelow\":null")
			.replaceFirst("\"engagementMultiplier\":[^,}]+", "\"engagementMultiplier\":0")
			.replaceFirst("\"viewerTimeoutSeconds\":[^,}]+", "\"viewerTimeoutSeconds\":1")
			.replaceFirst("\"viewerIncreasePerMinute\":[^,}]+", "\"viewerIncreasePerMinute\":-5")
			.replaceFirst("\"minSimulatedViewers\":[^,}]+", "\"minSimulatedViewers\":500")
			.replaceFirst("\"maxSimulatedViewers\":[^,}]+", "\"maxSimulatedViewers\":100");

		Response response = api.put("/api/admin/settings", admin, body);

		assertThat(response.status()).isEqualTo(400);
		List<String> fields = response.json().get("errors").findValuesAsString("field");
		assertThat(fields).as(response.body()).containsExactlyInAnyOrder("simulatedLikesPerMinute",
				"hideViewerCountBelow", "engagementMultiplier", "viewerTimeoutSeconds", "viewerIncreasePerMinute",
				"minSimulatedViewers");
		assertThat(response.body()).contains("is required").contains("must not be greater than maxSimulatedViewers");
	}

	@Test
	void aMissingMaximumIsReportedAsMissingNotAsAMinimumAboveTheDefault() {
		String body = DEFAULTS.replaceFirst("\"minSimulatedViewers\":[^,}]+", "\"minSimulatedViewers\":500")
			.replaceFirst("\"maxSimulatedViewers\":[^,}]+", "\"maxSimulatedViewers\":null");

		Response response = api.put("/api/admin/settings", admin, body);

		assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("maxSimulatedViewers");
	}

	@Test
	void aValidChangeIsStoredAndAuditedWithWhoWhenOldAndNew() {
		Response saved = api.put("/api/admin/settings", admin, with("maxSimulatedViewers", "250"));

		assertThat(saved.status()).isEqualTo(200);
		assertThat(api.get("/api/admin/settings", admin).json().get("maxSimulatedViewers").asInt()).isEqualTo(250);
		JsonNode latest = api.get("/api/admin/settings/audit", admin).json().get(0);
		assertThat(latest.get("settingKey").asString()).isEqualTo("maxSimulatedViewers");
		assertThat(latest.get("oldValue").asString()).isEqualTo("100");
		assertThat(latest.get("newValue").asString()).isEqualTo("250");
		assertThat(latest.get("changedBy").asString()).isEqualTo("admin");
		assertThat(latest.get("changedAt").asString()).isNotBlank();
	}

	/** A client written to SPEC 7's JSON shape knows nothing of settings added since: it saves, and they stay. */
	@Test
	void aSaveInExactlyTheSpecsShapeIsStoredAndKeepsTheSettingsAddedSince() {
		assertThat(api.put("/api/admin/settings", admin, with("maxViewersPerAddress", "7")).status()).isEqualTo(200);
		String specShape = with("maxSimulatedViewers", "120").replaceFirst(",\"maxViewersPerAddress\":\\d+", "");
		assertThat(specShape).doesNotContain("maxViewersPerAddress");

		Response saved = api.put("/api/admin/settings", admin, specShape);

		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
		JsonNode now = api.get("/api/admin/settings", admin).json();
		assertThat(now.get("maxSimulatedViewers").asInt()).isEqualTo(120);
		assertThat(now.get("maxViewersPerAddress").asInt()).as("kept, not reset").isEqualTo(7);
		assertThat(api.put("/api/admin/settings", admin, specShape.replace("\"maxSimulatedViewers\":120,", "")).status())
			.as("a field of the SPEC's shape is still required").isEqualTo(400);

		// another node saved a new value, and this node has not heard of it yet: kept, not this node's old copy
		repository.store("maxViewersPerAddress", "9", "admin-on-another-node", java.time.Instant.now());
		assertThat(api.put("/api/admin/settings", admin, specShape).status()).isEqualTo(200);
		assertThat(api.get("/api/admin/settings", admin).json().get("maxViewersPerAddress").asInt()).isEqualTo(9);
	}

	@Test
	void onlyAdminsReadOrChangeSettings() {
		assertThat(api.get("/api/admin/settings", seller).status()).isEqualTo(403);
		assertThat(api.put("/api/admin/settings", seller, with("maxSimulatedViewers", "1000")).status())
			.isEqualTo(403);
		assertThat(api.get("/api/admin/settings", null).status()).isEqualTo(401);
		assertThat(api.get("/api/admin/settings", admin).json().get("maxSimulatedViewers").asInt()).isEqualTo(100);
	}

	@Test
	void aStreamKeepsTheSettingsItWasCreatedWithAndTheNextStreamGetsTheNewOnes() {
		long before = api.post("/api/streams", seller, "{\"title\":\"before\"}").json().get("id").asLong();

		api.put("/api/admin/settings", admin, with("likeRateLimitPerSecond", "3"));
		long after = api.post("/api/streams", seller, "{\"title\":\"after\"}").json().get("id").asLong();

		JsonNode mine = api.get("/api/streams/mine", seller).json();
		for (JsonNode stream : mine) {
			if (stream.get("id").asLong() == before) {
				assertThat(stream.get("settings").get("likeRateLimitPerSecond").asInt()).isEqualTo(10);
			}
			if (stream.get("id").asLong() == after) {
				assertThat(stream.get("settings").get("likeRateLimitPerSecond").asInt()).isEqualTo(3);
			}
		}
		api.post("/api/streams/" + before + "/start", seller, null);
		String viewer = api.token("viewer-1", "VIEWER", null);
		int accepted = 0;
		for (int i = 0; i < 8; i++) {
			if (api.post("/api/streams/" + before + "/likes", viewer, null).status() == 200) {
				accepted++;
			}
		}
		assertThat(accepted).as("the old stream still allows 10 a second").isEqualTo(8);
	}

	@Test
	void smallAudiencesAreHiddenFromThePublicButNeverFromTheSeller() throws Exception {
		api.put("/api/admin/settings", admin, with("hideViewerCountBelow", "5"));
		long id = api.liveStream(seller, "small");
		for (int i = 0; i < 2; i++) {
			api.post("/api/streams/" + id + "/heartbeat", null, null, java.util.Map.of("Cookie", api.viewerCookie(id)));
		}

		JsonNode engagement = api.get("/api/streams/" + id + "/engagement", null).json();
		assertThat(engagement.get("viewersHidden").asBoolean()).isTrue();
		assertThat(engagement.has("viewers")).isFalse();
		assertThat(engagement.has("likes")).isTrue();
		assertThat(api.get("/api/streams/" + id + "/stats", seller).json().get("viewers").asInt()).isEqualTo(2);
		try (SseClient events = SseClient.open(api.baseUrl() + "/api/streams/" + id + "/events")) {
			String data = events.awaitEvent("engagement", 3_000).data();
			assertThat(data).contains("\"viewersHidden\":true").doesNotContain("\"viewers\"");
		}

		for (int i = 0; i < 3; i++) {
			api.post("/api/streams/" + id + "/heartbeat", null, null, java.util.Map.of("Cookie", api.viewerCookie(id)));
		}
		JsonNode shown = api.get("/api/streams/" + id + "/engagement", null).json();
		assertThat(shown.get("viewersHidden").asBoolean()).isFalse();
		assertThat(shown.get("viewers").asInt()).isEqualTo(5);
	}

	@Tag(TestGroups.SLOW)
	@Test
	void aRehearsalClimbsToTheMinimumAndReportsSimulatedFiguresApart() {
		api.put("/api/admin/settings", admin, with("viewerIncreasePerMinute", "600").replace(
				"\"simulatedLikesPerMinute\":3", "\"simulatedLikesPerMinute\":1200"));
		long id = api.startedStream(seller, "practice", "REHEARSAL");

		await().atMost(Duration.ofMillis(15_000)).untilAsserted(() -> {
			JsonNode engagement = api.get("/api/streams/" + id + "/engagement", seller).json();
			assertThat(engagement.get("simulated").get("viewers").asInt()).isEqualTo(15);
			assertThat(engagement.get("simulated").get("likes").asLong()).isPositive();
		});
		JsonNode engagement = api.get("/api/streams/" + id + "/engagement", seller).json();
		assertThat(engagement.get("rehearsal").asBoolean()).isTrue();
		assertThat(engagement.get("viewers").asInt()).isZero();
		assertThat(engagement.get("likes").asLong()).isZero();
		JsonNode stats = api.get("/api/streams/" + id + "/stats", seller).json();
		assertThat(stats.get("likes").asLong()).isZero();
		assertThat(stats.get("simulated").get("viewers").asInt()).isEqualTo(15);
		assertThat(api.get("/api/streams", null).body()).doesNotContain("\"id\":" + id + ",");
	}
}
