package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import io.livepulse.support.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * An auction as people run it: the seller starts it from the console, two viewers on phones bid against each
 * other, a bid in the last seconds sets the clock back, the winner sees "You won!" and a link to pay, the other
 * sees who won, and the seller sees the winner and then the shop's order that paid.
 */
class AuctionBrowserTests extends BrowserTest {

	@Test
	void twoPhoneViewersBidALastSecondBidExtendsTheClockTheWinnerPaysAndTheSellerSeesTheOrder() {
		ApiClient api = new ApiClient(port);
		String sellerToken = api.token("seller-1", "SELLER", 456L);
		long stream = api.liveStream(sellerToken, "Vintage night");
		long product = api.post("/api/products", sellerToken, """
				{"title":"Signed jersey","priceMinor":15000,"currency":"EUR","imageUrl":"https://shop.example.com/jersey.jpg",
				 "productUrl":"https://shop.example.com/jersey"}""").json().get("id").asLong();
		api.put("/api/streams/" + stream + "/showcase", sellerToken, "{\"productIds\":[" + product + "]}");

		try (BrowserContext sellerContext = browsers.laptop(baseUrl()); BrowserContext first = browsers.phone(baseUrl());
				BrowserContext second = browsers.phone(baseUrl())) {
			Page console = sellerContext.newPage();
			BrowserSupport.signIn(console, "seller-1", "/seller");
			Locator panel = console.locator("article[data-stream-id='" + stream + "'] [data-auctions-for]");
			assertThat(panel.locator("[data-role=auction-product] option")).containsText("Signed jersey");
			panel.locator("[data-role=auction-price]").fill("20");
			// the longest auction there is: on a loaded machine the bids below once came in its last 10 s of real time
			panel.locator("[data-role=auction-duration]").fill("120");
			panel.locator("[data-action=start-auction]").click();
			assertThat(panel.locator("[data-role=auction-status]")).containsText("starts at");

			Page ann = viewerOn(first, "viewer-1", stream);
			Page bob = viewerOn(second, "viewer-2", stream);
			assertThat(ann.locator("#auction-bid")).hasText(Pattern.compile("Bid .*20"));
			ann.locator("#auction-bid").click();
			assertThat(ann.locator("#auction-leader")).containsText("You lead");
			assertThat(bob.locator("#auction-leader")).containsText("Viewer One leads");
			assertThat(bob.locator("#auction-bid")).hasText(Pattern.compile("Bid .*21"));
			bob.locator("#auction-bid").click();
			assertThat(bob.locator("#auction-leader")).containsText("You lead");
			assertThat(ann.locator("#auction-leader")).containsText("Viewer Two leads");
			assertThat(ann.locator("#auction-bid")).isEnabled();
			BrowserSupport.screenshot(ann, "auction-outbid-phone");

			// the last seconds: Ann's bid sets the clock back to 10 s, on every page
			JsonNode running = api.get("/api/streams/" + stream + "/auctions", null).json().get(0);
			clock.advance(Duration.between(clock.instant(), Instant.parse(running.get("endsAt").asString()).minusSeconds(3)));
			ann.locator("#auction-bid").click();
			assertThat(ann.locator("#auction-leader")).containsText("You lead");
			for (Page viewer : new Page[] { ann, bob }) {
				assertThat(viewer.locator("#auction-clock")).containsText(Pattern.compile("Ends in 0:(09|10)"));
			}
			assertThat(panel.locator("[data-role=auction-status]")).containsText("extended 1×");

			clock.advance(Duration.ofSeconds(11));
			assertThat(ann.locator("#auction-leader")).containsText("You won!");
			assertThat(bob.locator("#auction-leader")).containsText("Sold to Viewer One");
			assertThat(bob.locator("#auction-checkout")).isHidden();
			// the link comes with the winner's claim, which may reach the page a moment after the result
			assertThat(ann.locator("#auction-checkout")).hasAttribute("href",
					Pattern.compile("^/go/" + stream + "/" + product + "\\?claim=[0-9a-f-]{36}$"));
			String checkout = ann.locator("#auction-checkout").getAttribute("href");
			BrowserSupport.screenshot(ann, "auction-won-phone");
			assertThat(panel.locator("[data-role=auction-status]")).containsText("won by Viewer One (user viewer-1)");
			assertThat(panel.locator("[data-role=auction-status]")).containsText("awaiting payment");

			String shop = api.token("shop", "COMMERCE", null);
			String claimId = checkout.substring(checkout.indexOf("claim=") + 6);
			assertThat(api.post("/api/streams/" + stream + "/purchases", shop, """
					{"orderId":"jersey-1","amountMinor":2200,"currency":"EUR","buyerId":"viewer-1","productId":%d,"quantity":1,"claimId":"%s"}"""
				.formatted(product, claimId)).status()).isEqualTo(201);
			assertThat(panel.locator("[data-role=auction-status]")).containsText("paid: order jersey-1");
			Locator card = console.locator("article[data-stream-id='" + stream + "']");
			card.getByRole(AriaRole.BUTTON,
					new Locator.GetByRoleOptions().setName("Analytics").setExact(true)).click();
			assertThat(card.locator("[data-stat=auction-figures]")).containsText(Pattern.compile("1 / 3 / .*22"));
			BrowserSupport.screenshot(console, "auction-seller-console");
		}
	}

	private static Page viewerOn(BrowserContext context, String user, long stream) {
		Page page = context.newPage();
		BrowserSupport.signIn(page, user, "/live/" + stream);
		assertThat(page.locator("#auction")).isVisible();
		return page;
	}
}
