package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import io.livepulse.support.ApiClient;

/**
 * The seller console during a live show is a cockpit: at 1280x800 the live stream comes first, and its
 * preview, figures, chat input, the first showcase product and its pin button are all on the first
 * screen, with an ended and a planned stream in the same console.
 */
class SellerCockpitBrowserTests extends BrowserTest {

	@Test
	void theLiveStreamsPreviewFiguresChatInputAndPinButtonAreAllOnTheFirstScreenAt1280By800() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		String admin = api.token("admin", "ADMIN", null);
		api.put("/api/admin/shop-domains", admin, "{\"domains\":[]}");
		long ended = api.liveStream(seller, "Yesterday's drop");
		api.post("/api/streams/" + ended + "/end", seller, "{\"save\":false}");
		long live = api.liveStream(seller, "Sneaker drop, live now");
		long planned = api.post("/api/streams", seller, "{\"title\":\"Next week's show\"}").json().get("id").asLong();
		for (String title : new String[] { "Trail runner", "City sneaker", "Rain jacket" }) {
			long product = api.post("/api/products", seller, """
					{"title":"%s","priceMinor":12999,"currency":"EUR","imageUrl":"https://shop.example.com/p.jpg",
					"productUrl":"https://shop.example.com/p"}""".formatted(title)).json().get("id").asLong();
			api.put("/api/streams/" + live + "/showcase", seller,
					"{\"productIds\":[" + showcaseIds(api, seller, live) + product + "]}");
		}

		try (BrowserContext laptop = browsers.laptop(baseUrl())) {
			Page page = laptop.newPage();
			page.setViewportSize(1280, 800);
			BrowserSupport.signIn(page, "seller-1", "/seller");
			Locator cockpit = page.locator(".stream-card.cockpit");
			assertThat(cockpit).hasAttribute("data-stream-id", String.valueOf(live));
			assertThat(page.locator(".stream-card").first()).hasAttribute("data-stream-id", String.valueOf(live));
			Locator firstProduct = cockpit.locator(".showcase-row").first();
			assertThat(firstProduct).isVisible();
			Map<String, Locator> parts = Map.of("preview", cockpit.locator(".player.preview"),
					"figures", cockpit.locator(".cockpit-figures"),
					"chat input", cockpit.locator(".chat-form input"),
					"first showcase product", firstProduct,
					"its pin button", firstProduct.locator("[data-action=pin]"));
			parts.forEach((name, part) -> {
				assertThat(part).isVisible();
				var box = part.boundingBox();
				assertThat(box.y).as(name + " starts on the first screen").isGreaterThanOrEqualTo(0);
				assertThat(box.y + box.height).as(name + " ends on the first screen").isLessThanOrEqualTo(800);
			});
			// the first screen only: what the seller sees during the show
			page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.SCREENSHOTS.resolve("seller-cockpit.png")));
		}
		finally {
			// the browser classes share the demo seller: leave no planned stream in their consoles
			api.post("/api/streams/" + planned + "/end", seller, "{\"save\":false}");
		}
	}

	/** The ids already in the stream's showcase, each followed by a comma. */
	private static String showcaseIds(ApiClient api, String seller, long stream) {
		StringBuilder ids = new StringBuilder();
		api.get("/api/streams/" + stream + "/showcase", seller).json().get("products")
			.forEach(product -> ids.append(product.get("productId").asLong()).append(','));
		return ids.toString();
	}
}
