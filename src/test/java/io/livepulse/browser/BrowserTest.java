package io.livepulse.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.ShiftableClock;
import io.livepulse.support.TestGroups;
import tools.jackson.databind.JsonNode;

/**
 * A browser test: the service on a random port in the shared H2 context ({@link LivePulseH2Test}: the same
 * context and database as the H2 API tests of its test JVM), and the run's one Chromium. The pages sign in as
 * the fixed demo users, whose consoles list all their streams: so a class starts with the demo sellers' streams
 * ended (API tests use seller 456 too) and each test leaves them ended (a console holds an event stream per live
 * one, and a browser only six connections to a host) and the global settings and the clock as it found them.
 */
@Tag(TestGroups.BROWSER)
@LivePulseH2Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {

	private static final long[] DEMO_VENDORS = { 456, 789 };

	@LocalServerPort
	int port;

	@Autowired
	ShiftableClock clock;

	BrowserSupport browsers;

	private String settingsFound;

	@BeforeAll
	void startBrowser() {
		browsers = BrowserSupport.shared();
		ApiClient api = new ApiClient(port);
		settingsFound = api.get("/api/admin/settings", api.token("admin", "ADMIN", null)).body();
		endTheDemoSellersStreams(api);
	}

	@AfterEach
	void endTheDemoSellersStreamsAndPutTheSettingsBack() {
		ApiClient api = new ApiClient(port);
		endTheDemoSellersStreams(api);
		api.put("/api/admin/settings", api.token("admin", "ADMIN", null), settingsFound);
		clock.reset();
	}

	private static void endTheDemoSellersStreams(ApiClient api) {
		for (long vendor : DEMO_VENDORS) {
			String seller = api.token("seller-" + (vendor == 456 ? 1 : 2), "SELLER", vendor);
			for (JsonNode stream : api.get("/api/streams/mine", seller).json()) {
				if ("LIVE".equals(stream.get("status").asString())) {
					api.post("/api/streams/" + stream.get("id").asLong() + "/end", seller, "{\"save\":false}");
				}
			}
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port;
	}
}
