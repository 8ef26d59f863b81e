package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;

import io.livepulse.support.ApiClient;
import io.livepulse.support.NginxRtmp;

/**
 * The viewer page follows every change of the stream without a reload, each checked on a page opened
 * before the change: chat opens at go-live and closes with a reason at the end, the duration runs from
 * the real start, the player stops asking for the playlist once the video is gone, and on a phone the
 * pinned product's Buy button stays on the first screen above a busy chat.
 */
class ViewerFollowsTheShowBrowserTests extends BrowserTest {

	static final LocatorAssertions.HasTextOptions WITHIN_15_S = new LocatorAssertions.HasTextOptions().setTimeout(15_000);

	@Test
	void aPageOpenedBeforeGoLiveOpensChatAndRunsTheDurationFromTheRealStart() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long stream = api.post("/api/streams", seller, "{\"title\":\"Opens later\"}").json().get("id").asLong();
		try (BrowserContext phone = browsers.phone(baseUrl())) {
			Page page = phone.newPage();
			BrowserSupport.signIn(page, "viewer-1", "/live/" + stream);
			assertThat(page.locator("#status-badge")).hasText("CREATED");
			assertThat(page.locator("#chat-input")).isDisabled();
			assertThat(page.locator("#chat-reason")).hasText("Chat is closed: the stream is not live.");

			api.post("/api/streams/" + stream + "/start", seller, null);

			assertThat(page.locator("#status-badge")).hasText("LIVE", WITHIN_15_S);
			assertThat(page.locator("#chat-input")).isEnabled();
			assertThat(page.locator("#chat-reason")).hasText("");
			assertThat(page.locator("#duration")).hasText(java.util.regex.Pattern.compile("^0:0[2-9]$|^0:[1-5]\\d$"),
					WITHIN_15_S);
		}
	}

	@Test
	void aPageOpenWhileLiveClosesChatWhenTheStreamEndsAndSaysWhy() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long stream = api.liveStream(seller, "Ends while watched");
		try (BrowserContext phone = browsers.phone(baseUrl())) {
			Page page = phone.newPage();
			BrowserSupport.signIn(page, "viewer-1", "/live/" + stream);
			assertThat(page.locator("#chat-input")).isEnabled();

			api.post("/api/streams/" + stream + "/end", seller, "{\"save\":false}");

			assertThat(page.locator("#status-badge")).hasText("ENDED", WITHIN_15_S);
			assertThat(page.locator("#chat-input")).isDisabled();
			assertThat(page.locator("#chat-reason")).hasText("Chat is closed: the stream has ended.");
		}
	}

	@Test
	void thePlayerStopsAskingForThePlaylistOnceTheVideoIsOffline() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long stream = api.post("/api/streams", seller, "{\"title\":\"Video goes away\"}").json().get("id").asLong();
		String key = api.get("/api/streams/" + stream + "/key", seller).json().get("streamKey").asString();
		try (BrowserContext laptop = browsers.laptop(baseUrl())) {
			AtomicInteger playlistRequests = new AtomicInteger();
			// a playlist that never parses: each try fails at once, as a playlist gone with its encoder does
			laptop.route("http://127.0.0.1:9/hls/**", (Route route) -> {
				playlistRequests.incrementAndGet();
				route.fulfill(new Route.FulfillOptions().setStatus(200)
					.setContentType("application/vnd.apple.mpegurl").setHeaders(java.util.Map.of("Cache-Control", "no-store", "Access-Control-Allow-Origin", "*"))
					.setBody("not a playlist"));
			});
			Page page = laptop.newPage();
			page.navigate("/live/" + stream);
			assertThat(api.postForm("/api/media/nginx-rtmp/publish?secret=" + NginxRtmp.HOOK_SECRET, hook("publish", key))
				.status()).isEqualTo(302);
			assertThat(page.locator("#player")).hasAttribute("data-video-state", "CONNECTED",
					new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
			long deadline = System.nanoTime() + 15_000_000_000L;
			// Playwright calls the route handler only while this thread is inside a Playwright call
			while (playlistRequests.get() < 2 && System.nanoTime() < deadline) {
				page.waitForTimeout(100);
			}
			assertThat(playlistRequests.get()).as("the player tries again while the video is wanted").isGreaterThanOrEqualTo(2);

			api.postForm("/api/media/nginx-rtmp/publish-done?secret=" + NginxRtmp.HOOK_SECRET, hook("publish_done", key));
			assertThat(page.locator("#player .player-note")).hasText("The seller's video dropped — reconnecting…");
			// past the reconnect grace (60 s) by the service's clock: the page's own timer keeps the browser's time,
			// so it is the service that tells it (its video-loss check, every 5 s)
			clock.advance(Duration.ofSeconds(61));
			assertThat(page.locator("#player")).hasAttribute("data-video-state", "OFFLINE",
					new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
			assertThat(page.locator("#player .player-note")).containsText("Unless it comes back, this stream ends by itself at ");
			page.waitForTimeout(1_000);
			int atOffline = playlistRequests.get();
			page.waitForTimeout(8_000);
			assertThat(playlistRequests.get()).as("playlist requests in the 8 s after the video went offline")
				.isEqualTo(atOffline);
		}
	}

	@Test
	void onAPhoneThePinnedBuyButtonStaysOnTheFirstScreenAboveABusyChat() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long stream = api.liveStream(seller, "Busy chat");
		String admin = api.token("admin", "ADMIN", null);
		api.put("/api/admin/shop-domains", admin, "{\"domains\":[]}");
		long product = api.post("/api/products", seller, """
				{"title":"Trail runner","priceMinor":12999,"currency":"EUR","imageUrl":"https://shop.example.com/tr.jpg",
				"productUrl":"https://shop.example.com/p/tr"}""").json().get("id").asLong();
		api.put("/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + product + "]}");
		api.post("/api/streams/" + stream + "/pin", seller, "{\"productId\":" + product + "}");
		for (int i = 1; i <= 16; i++) {
			String fan = api.token("fan-" + i, "VIEWER", null);
			api.post("/api/streams/" + stream + "/chat", fan, "{\"text\":\"Is size " + (36 + i) + " in stock? Asking for the run on Sunday\"}");
		}
		try (BrowserContext phone = browsers.phone(baseUrl())) {
			Page page = phone.newPage();
			page.setViewportSize(360, 780);
			page.navigate("/live/" + stream);
			assertThat(page.locator("#chat-list li")).hasCount(16);
			assertThat(page.locator("#pinned-buy")).isVisible();
			double bottom = ((Number) page.evaluate("document.getElementById('pinned-buy').getBoundingClientRect().bottom"))
				.doubleValue();
			double screen = ((Number) page.evaluate("window.innerHeight")).doubleValue();
			BrowserSupport.screenshot(page, "viewer-phone-busy-chat-pinned");
			assertThat(bottom).as("the Buy button's bottom edge against the first screen's height").isLessThanOrEqualTo(screen);
		}
	}

	static String hook(String call, String key) {
		return "call=" + call + "&app=ingest&name=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
				+ "&clientid=71&addr=127.0.0.1&tcurl=rtmp%3A%2F%2F127.0.0.1%2Fingest&type=live";
	}
}
