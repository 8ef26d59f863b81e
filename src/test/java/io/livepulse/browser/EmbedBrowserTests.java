package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import io.livepulse.support.ApiClient;

/**
 * The demo shop (docs/demo-shop) served from another origin (a second local port) puts the live player on its
 * page: the embedded viewer is counted once, sees the seller's pin and adds it to the shop's own cart through the
 * bridge; the same page on an origin the admins did not list gets no player (frame-ancestors).
 */
class EmbedBrowserTests extends BrowserTest {

	private static final LocatorAssertions.ContainsTextOptions SOON = new LocatorAssertions.ContainsTextOptions().setTimeout(10_000);

	private static HttpServer demoShop() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			Path file = Path.of("docs/demo-shop").resolve(exchange.getRequestURI().getPath().replaceFirst("^/", "")).normalize();
			boolean found = file.startsWith(Path.of("docs/demo-shop")) && Files.isRegularFile(file);
			byte[] body = found ? Files.readAllBytes(file) : new byte[0];
			String name = file.getFileName().toString();
			exchange.getResponseHeaders().set("Content-Type", name.endsWith(".js") ? "text/javascript"
					: name.endsWith(".css") ? "text/css" : "text/html; charset=utf-8");
			exchange.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return server;
	}

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
		HttpServer allowedShop = demoShop();
		HttpServer otherShop = demoShop();
		String allowedOrigin = "http://127.0.0.1:" + allowedShop.getAddress().getPort();
		try (BrowserContext laptop = browsers.laptop(baseUrl()); BrowserContext phone = browsers.phone(baseUrl())) {
			assertThat(api.put("/api/admin/embed-origins", admin, "{\"origins\":[\"" + allowedOrigin + "/\"]}").status()).isEqualTo(200);
			String shopPage = "/index.html?livepulse=" + baseUrl() + "&stream=" + stream;

			Page page = laptop.newPage();
			page.navigate(allowedOrigin + shopPage);
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
			small.navigate(allowedOrigin + shopPage);
			assertThat(small.frameLocator("iframe.livepulse-embed").locator("#pinned-title")).hasText("Trail runner");
			BrowserSupport.screenshot(small, "embed-demo-shop-360");
			await().atMost(Duration.ofSeconds(15))
				.until(() -> api.get("/api/streams/" + stream + "/engagement", null).json().get("viewers").asInt() == 2);

			Page elsewhere = laptop.newPage();
			elsewhere.navigate("http://127.0.0.1:" + otherShop.getAddress().getPort() + shopPage);
			elsewhere.waitForTimeout(2_000);
			assertThat(elsewhere.frameLocator("iframe.livepulse-embed").locator("#main")).hasCount(0);
		}
		finally {
			api.put("/api/admin/embed-origins", admin, "{\"origins\":[]}");
			allowedShop.stop(0);
			otherShop.stop(0);
		}
	}
}
