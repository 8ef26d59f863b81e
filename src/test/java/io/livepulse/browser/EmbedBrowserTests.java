package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.support.ApiClient;

/**
 * The demo shop (docs/demo-shop) served from another origin (a second local port) puts the live player on its
 * page: the embedded viewer is counted once, sees the seller's pin and adds it to the shop's own cart through the
 * bridge; the same page on an origin the admins did not list gets no player (frame-ancestors); an ended stream's
 * embed plays its recordings.
 */
class EmbedBrowserTests extends BrowserTest {

	@Autowired
	JdbcClient jdbc;


	@Test
	void aShopPageOnAnAllowedOriginPlaysTheShowCountsItsViewerOnceAndAddsThePinToItsOwnCart() throws IOException {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		String admin = api.token("admin", "ADMIN", null);
		long stream = api.liveStream(seller, "Trail gear live");
		long product = api.post("/api/products", seller, """
				{"title":"Trail runner","priceMinor":12900,"currency":"EUR","imageUrl":"https://shop.example.com/tr.jpg",
				 "productUrl":"https://shop.example.com/tr","sku":"TR-42-BLK"}""").json().get("id").asLong();
		api.put("/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + product + "]}");
		HttpServer allowedShop = DemoShop.start();
		HttpServer otherShop = DemoShop.start();
		String allowedOrigin = DemoShop.origin(allowedShop);
		try (BrowserContext laptop = browsers.laptop(baseUrl()); BrowserContext phone = browsers.phone(baseUrl())) {
			assertThat(api.put("/api/admin/embed-origins", admin, "{\"origins\":[\"" + allowedOrigin + "/\"]}").status()).isEqualTo(200);

			Page page = laptop.newPage();
			page.navigate(DemoShop.page(allowedShop, baseUrl(), stream));
			FrameLocator player = page.frameLocator("iframe.livepulse-embed");
			assertThat(player.locator(".embed-title")).hasText("Trail gear live");
			await().atMost(Duration.ofSeconds(15))
				.until(() -> api.get("/api/streams/" + stream + "/engagement", null).json().get("viewers").asInt() == 1);
			assertThat(player.locator("#viewers")).hasText("1", new LocatorAssertions.HasTextOptions().setTimeout(15_000));

			api.post("/api/streams/" + stream + "/pin", seller, "{\"productId\":" + product + "}");
			assertThat(player.locator("#pinned-title")).hasText("Trail runner");
			assertThat(player.locator("#pinned-buy")).isHidden();
			player.locator("#pinned-add").click();
			assertThat(page.locator("#cart")).hasText("Cart (1)");
			assertThat(page.locator("#cart-items")).containsText("Trail runner (SKU TR-42-BLK)");
			assertThat(player.locator("#cart-status")).containsText("In your cart: 1");
			BrowserSupport.screenshot(page, "embed-demo-shop-1280");

			Page small = phone.newPage();
			small.navigate(DemoShop.page(allowedShop, baseUrl(), stream));
			assertThat(small.frameLocator("iframe.livepulse-embed").locator("#pinned-title")).hasText("Trail runner");
			BrowserSupport.screenshot(small, "embed-demo-shop-360");
			await().atMost(Duration.ofSeconds(15))
				.until(() -> api.get("/api/streams/" + stream + "/engagement", null).json().get("viewers").asInt() == 2);

			Page elsewhere = laptop.newPage();
			elsewhere.navigate(DemoShop.page(otherShop, baseUrl(), stream));
			elsewhere.waitForTimeout(2_000);
			assertThat(elsewhere.frameLocator("iframe.livepulse-embed").locator("#main")).hasCount(0);
		}
		finally {
			api.put("/api/admin/embed-origins", admin, "{\"origins\":[]}");
			allowedShop.stop(0);
			otherShop.stop(0);
		}
	}

	@Test
	void anEndedStreamsEmbedPlaysItsRecordingsPartByPart() throws IOException {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		String admin = api.token("admin", "ADMIN", null);
		long stream = api.liveStream(seller, "Yesterday's trail gear");
		for (String file : List.of("part-one.mp4", "part-two.mp4")) {
			jdbc.sql("insert into media_recordings (stream_id, file_name, recorded_at) values (:id, :file, current_timestamp)")
				.param("id", stream).param("file", stream + "-" + file).update();
		}
		api.post("/api/streams/" + stream + "/end", seller, "{\"save\":true}");
		HttpServer shop = DemoShop.start();
		try (BrowserContext laptop = browsers.laptop(baseUrl())) {
			api.put("/api/admin/embed-origins", admin, "{\"origins\":[\"" + DemoShop.origin(shop) + "\"]}");
			Page page = laptop.newPage();
			page.navigate(DemoShop.page(shop, baseUrl(), stream));
			FrameLocator player = page.frameLocator("iframe.livepulse-embed");
			assertThat(player.locator("#status-badge")).hasText("ENDED");
			assertThat(player.locator("#player")).containsText("Replay, part 1 of 2.");
			assertThat(player.locator("#player video")).hasAttribute("src", Pattern.compile(".*/" + stream + "-part-one\\.mp4$"));
			player.getByText("Part 2").click();
			assertThat(player.locator("#player video")).hasAttribute("src", Pattern.compile(".*/" + stream + "-part-two\\.mp4$"));
		}
		finally {
			api.put("/api/admin/embed-origins", admin, "{\"origins\":[]}");
			shop.stop(0);
		}
	}
}
