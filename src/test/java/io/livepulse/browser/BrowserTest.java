package io.livepulse.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import io.livepulse.support.ApiClient;
import io.livepulse.support.FreshDatabase;
import io.livepulse.support.SharedTestClock;
import io.livepulse.support.ShiftableClock;
import io.livepulse.support.TestGroups;
import tools.jackson.databind.JsonNode;

/**
 * A browser test: the service on a random port, in one context (and H2 database) all browser classes
 * share, and the run's one Chromium. The pages sign in as the fixed demo users, whose consoles list
 * all their streams: so each test leaves the demo sellers' streams ended (a console holds an event
 * stream per live one, and a browser only six connections to a host) and the global settings as it
 * found them.
 */
@Tag(TestGroups.BROWSER)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FreshDatabase.H2.class)
// a clock tests may move (FlashSaleBrowserTests moves past a sale's countdown); put back after each test
@Import(SharedTestClock.class)
// for ViewerFollowsTheShowBrowserTests, whose encoders are hook calls only: a video is offline a second after
// its encoder goes, and its playlists are on a port where nothing listens (no other class has video)
@TestPropertySource(properties = { "livepulse.media.reconnect-grace=1s",
		"livepulse.media.hls-base-url=http://127.0.0.1:9/hls" })
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
	}

	@AfterEach
	void endTheDemoSellersStreamsAndPutTheSettingsBack() {
		ApiClient api = new ApiClient(port);
		for (long vendor : DEMO_VENDORS) {
			String seller = api.token("seller-" + (vendor == 456 ? 1 : 2), "SELLER", vendor);
			for (JsonNode stream : api.get("/api/streams/mine", seller).json()) {
				if ("LIVE".equals(stream.get("status").asString())) {
					api.post("/api/streams/" + stream.get("id").asLong() + "/end", seller, "{\"save\":false}");
				}
			}
		}
		api.put("/api/admin/settings", api.token("admin", "ADMIN", null), settingsFound);
		clock.reset();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port;
	}
}
