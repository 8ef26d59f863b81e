package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.io.IOException;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import io.livepulse.support.ApiClient;

/**
 * Real video in a real Chromium: ffmpeg publishes through nginx-rtmp, the viewer page plays it, and so does the player
 * a shop's page frames.
 */
class VideoBrowserTests extends RealVideoBrowserTest {

	@Test
	void theViewerPagePlaysTheLiveVideoAndTheSellerSeesItConnectedWithABitrate() throws Exception {
		String base = "http://127.0.0.1:" + port;
		// the encoder runs until the test ends it, longer than a slow machine's waits
		try (LiveVideo live = goLive("On camera", key -> nginx.publish(key, 600));
				BrowserContext sellerContext = browsers.laptop(base); BrowserContext viewerContext = browsers.phone(base)) {
			ApiClient api = live.api();
			long id = live.id();
			Page seller = sellerContext.newPage();
			BrowserSupport.signIn(seller, "seller-1", "/seller");
			Locator card = seller.locator("article[data-stream-id='" + id + "']");
			assertThat(card.locator("[data-role=video-state]")).hasText("connected",
					new LocatorAssertions.HasTextOptions().setTimeout(15_000));
			assertThat(card.locator("[data-role=video-health]")).containsText(java.util.regex.Pattern.compile("[1-9][0-9]* kbps"),
					new LocatorAssertions.ContainsTextOptions().setTimeout(25_000));
			assertThat(card.locator(".copy-field code")).hasText("rtmp://127.0.0.1:" + RTMP_PORT + "/ingest");
			assertThat(card.locator(".badge").first()).hasText("LIVE");

			Page viewer = viewerContext.newPage();
			java.util.List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
			viewer.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
			viewer.onRequestFailed(request -> console.add("failed: " + request.url() + " " + request.failure()));
			viewer.navigate("/live/" + id);
			try {
				viewer.waitForFunction("() => { const v = document.querySelector('#player video'); return v && v.currentTime > 1; }",
						null, new Page.WaitForFunctionOptions().setTimeout(30_000));
			}
			catch (com.microsoft.playwright.TimeoutError notPlaying) {
				throw new AssertionError("The video did not play. Player: "
						+ viewer.evaluate("document.getElementById('player').innerHTML") + "; browser: " + console, notPlaying);
			}
			double first = ((Number) viewer.evaluate("document.querySelector('#player video').currentTime")).doubleValue();
			viewer.waitForTimeout(2_000);
			double later = ((Number) viewer.evaluate("document.querySelector('#player video').currentTime")).doubleValue();
			org.assertj.core.api.Assertions.assertThat(later).as("the live video plays on").isGreaterThan(first);
			BrowserSupport.screenshot(viewer, "viewer-playing-live-video");
			embeddedOnAShopPagePlays(api, viewerContext, id);
			BrowserSupport.screenshot(seller, "seller-encoder-connected");

			// the home page's card shows the media server's latest frame of the video (the page's CSP lets it in)
			Page home = viewerContext.newPage();
			home.navigate("/");
			Locator thumbnail = home.locator("article[data-stream-id='" + id + "'] img[data-field=thumbnail]");
			assertThat(thumbnail).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(25_000));
			home.waitForFunction("(img) => img.complete && img.naturalWidth === 480", thumbnail.elementHandle(),
					new Page.WaitForFunctionOptions().setTimeout(25_000));
			BrowserSupport.screenshot(home, "home-thumbnail-phone");
		}
	}

	@Test
	void aStreamWhosePictureStartsAfterItsSoundStillShowsThePictureOverHls() throws Exception {
		// the encoder runs until the test ends it, longer than a slow machine's waits
		try (LiveVideo live = goLive("Camera warming up", key -> nginx.publishWithVideoLate(key, 600, 3));
				BrowserContext viewerContext = browsers.phone("http://127.0.0.1:" + port)) {
			ApiClient api = live.api();
			long id = live.id();
			Page viewer = viewerContext.newPage();
			// on the page before the first fragment: the player starts at the stream's first fragments
			viewer.navigate("/live/" + id);
			viewer.waitForFunction("() => { const v = document.querySelector('#player video'); return v && v.currentTime > 1; }",
					null, new Page.WaitForFunctionOptions().setTimeout(30_000));
			org.assertj.core.api.Assertions.assertThat(((Number) viewer.evaluate("document.querySelector('#player video').videoWidth")).intValue())
				.as("the picture decoded, not only the sound that came first").isEqualTo(320);
		}
	}

	/** The same video plays in the player a shop frames from its own origin (the embed). */
	private void embeddedOnAShopPagePlays(ApiClient api, BrowserContext context, long streamId) throws IOException {
		String admin = api.token("admin", "ADMIN", null);
		HttpServer shop = DemoShop.start();
		try {
			api.put("/api/admin/embed-origins", admin, "{\"origins\":[\"" + DemoShop.origin(shop) + "\"]}");
			Page page = context.newPage();
			page.navigate(DemoShop.page(shop, "http://127.0.0.1:" + port, streamId));
			page.frameLocator("iframe.livepulse-embed").locator("#player video").waitFor();
			Frame player = page.frames().stream().filter(frame -> frame.url().contains("/embed/" + streamId)).findFirst().orElseThrow();
			player.waitForFunction("() => document.querySelector('#player video').currentTime > 1", null,
					new Frame.WaitForFunctionOptions().setTimeout(30_000));
			BrowserSupport.screenshot(page, "embed-playing-live-video");
		}
		finally {
			api.put("/api/admin/embed-origins", admin, "{\"origins\":[]}");
			shop.stop(0);
		}
	}
}
