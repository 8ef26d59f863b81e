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
 * the fixed demo users (vendors 456 and 789), whose consoles list all their streams: so a class starts with the demo
 * sellers' streams ended (API tests use seller 456 too) and each test leaves them ended (a console holds an event
 * stream per live one, and a browser only six connections to a host), and the global settings, the chat link
 * hosts and the clock as it found them. As in that context, 127.0.0.1 is a trusted proxy, so the per-address
 * connection caps (tested in {@code edge}) do not apply to the browser here.
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

	private String linkHostsFound;

	@BeforeAll
	void startBrowser() {
		browsers = BrowserSupport.shared();
		ApiClient api = new ApiClient(port);
		String admin = api.token("admin", "ADMIN", null);
		settingsFound = api.get("/api/admin/settings", admin).body();
		linkHostsFound = api.get("/api/admin/chat/link-hosts", admin).body();
		endTheDemoSellersStreams(api);
	}

	@AfterEach
	void endTheDemoSellersStreamsAndPutTheSettingsBack() {
		ApiClient api = new ApiClient(port);
		endTheDemoSellersStreams(api);
		String admin = api.token("admin", "ADMIN", null);
		api.put("/api/admin/settings", admin, settingsFound);
		api.put("/api/admin/chat/link-hosts", admin, linkHostsFound);
		clock.reset();
	}

	private static void endTheDemoSellersStreams(ApiClient api) {
		for (long vendor : DEMO_VENDORS) {
			String seller = api.token("seller-" + (vendor == 456 ? 1 : 2), "SELLER", vendor);
			for (JsonNode stream : api.get("/api/streams/mine", seller).json()) {
				// created ones too: the console draws a card for each, which polls its encoder
				if (!"ENDED".equals(stream.get("status").asString())) {
					api.post("/api/streams/" + stream.get("id").asLong() + "/end", seller, "{\"save\":false}");
				}
			}
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port;
	}
}
