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
			assertThat(cockpit.locator(".cockpit-tabs")).isHidden(); // no part switch where every part fits
			// the first screen only: what the seller sees during the show
			BrowserSupport.screenshot(page, "seller-cockpit", false);
		}
		finally {
			// the browser classes share the demo seller: leave no planned stream in their consoles
			api.post("/api/streams/" + planned + "/end", seller, "{\"save\":false}");
		}
	}

	@Test
	void onAPhoneTheCockpitShowsOnePartAtATimeChosenByItsButtonsAndKeepsTheChoiceWhenTheConsoleRedraws() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long live = api.liveStream(seller, "Phone cockpit");
		long product = api.post("/api/products", seller, """
				{"title":"Pocket lamp","priceMinor":2999,"currency":"EUR","imageUrl":"https://shop.example.com/l.jpg",
				"productUrl":"https://shop.example.com/l"}""").json().get("id").asLong();
		api.put("/api/streams/" + live + "/showcase", seller, "{\"productIds\":[" + product + "]}");
		try (BrowserContext phone = browsers.phone(baseUrl())) {
			Page page = phone.newPage();
			BrowserSupport.signIn(page, "seller-1", "/seller");
			Locator cockpit = page.locator(".stream-card.cockpit[data-stream-id='" + live + "']");
			Locator buttons = cockpit.locator(".cockpit-tabs button");
			assertThat(buttons).hasText(new String[] { "Video", "Figures", "Shop", "Chat" });
			Map<String, Locator> parts = Map.of("video", cockpit.locator(".cockpit-video"),
					"figures", cockpit.locator(".cockpit-figures"), "shop", cockpit.locator(".cockpit-shop"),
					"chat", cockpit.locator(".cockpit-chat"));
			assertOnlyShown(parts, "video");
			for (Locator button : buttons.all()) {
				var box = button.boundingBox();
				assertThat(box.x + box.width).as(button.textContent() + " fits the phone's width").isLessThanOrEqualTo(390);
			}
			assertThat(cockpit.locator(".cockpit-tabs button[data-part=video]")).hasAttribute("aria-pressed", "true");

			for (String part : new String[] { "figures", "chat", "shop" }) {
				cockpit.locator(".cockpit-tabs button[data-part=" + part + "]").click();
				assertOnlyShown(parts, part);
				assertThat(cockpit.locator(".cockpit-tabs button[data-part=" + part + "]")).hasAttribute("aria-pressed", "true");
			}
			assertThat(cockpit.locator("[data-action=pin]").first()).isVisible();
			cockpit.locator(".cockpit-tabs button[data-part=chat]").click();
			assertThat(cockpit.locator(".chat-form input")).isVisible();

			// creating a stream redraws the console; the live card keeps the part the seller chose
			page.locator("#create-box summary").click();
			page.locator("#title").fill("Planned on the phone");
			page.locator("#create-form button[type=submit]").click();
			Locator planned = page.locator(".stream-card", new Page.LocatorOptions().setHasText("Planned on the phone"));
			assertThat(planned).hasCount(1);
			assertOnlyShown(parts, "chat");
			assertThat(cockpit.locator(".cockpit-tabs button[data-part=chat]")).hasAttribute("aria-pressed", "true");
			page.evaluate("() => window.scrollTo(0, 0)");
			BrowserSupport.screenshot(page, "seller-cockpit-phone-chat", false);
			api.post("/api/streams/" + planned.getAttribute("data-stream-id") + "/end", seller, "{\"save\":false}");
		}
		finally {
			api.post("/api/streams/" + live + "/end", seller, "{\"save\":false}");
		}
	}

	private static void assertOnlyShown(Map<String, Locator> parts, String shown) {
		parts.forEach((name, part) -> {
			if (name.equals(shown)) {
				assertThat(part).isVisible();
			}
			else {
				assertThat(part).isHidden();
			}
		});
	}

	/** The ids already in the stream's showcase, each followed by a comma. */
	private static String showcaseIds(ApiClient api, String seller, long stream) {
		StringBuilder ids = new StringBuilder();
		api.get("/api/streams/" + stream + "/showcase", seller).json().get("products")
			.forEach(product -> ids.append(product.get("productId").asLong()).append(','));
		return ids.toString();
	}
}
