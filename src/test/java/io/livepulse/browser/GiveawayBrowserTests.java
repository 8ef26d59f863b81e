package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;

import io.livepulse.support.ApiClient;

/**
 * A giveaway as people run it: the seller opens it from the console, two viewers on phones enter, the seller
 * excludes one of them, the entries close, the other is drawn and every page shows the result with the seed and
 * the excluded entry; the winner's page says so.
 */
class GiveawayBrowserTests extends BrowserTest {

	@Test
	void theSellerOpensAGiveawayTwoPhoneViewersEnterAndEveryPageShowsTheOneWinner() {
		ApiClient api = new ApiClient(port);
		String sellerToken = api.token("seller-1", "SELLER", 456L);
		long stream = api.liveStream(sellerToken, "Giveaway night");
		try (BrowserContext sellerContext = browsers.laptop(baseUrl()); BrowserContext first = browsers.phone(baseUrl());
				BrowserContext second = browsers.phone(baseUrl())) {
			Page viewer1 = viewerOn(first, "viewer-1", stream);
			Page viewer2 = viewerOn(second, "viewer-2", stream);
			Page console = sellerContext.newPage();
			BrowserSupport.signIn(console, "seller-1", "/seller");
			Locator panel = console.locator("article[data-stream-id='" + stream + "'] [data-giveaways-for]");
			panel.locator("[data-role=giveaway-seconds]").fill("300");
			panel.locator("[data-role=giveaway-prize]").fill("Court Classic, size of your choice");
			panel.locator("[data-action=open-giveaway]").click();
			// room for a loaded machine: once, in a fresh clone's full run, the console took over 5 s to show it
			assertThat(panel.locator("[data-role=giveaway-status]")).containsText("closes in",
					new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));

			for (Page viewer : new Page[] { viewer1, viewer2 }) {
				assertThat(viewer.locator("#giveaway")).isVisible();
				assertThat(viewer.locator("#giveaway-prize")).hasText("Court Classic, size of your choice");
				assertThat(viewer.locator("#giveaway-clock")).containsText("Entries close in");
			}
			viewer1.locator("#giveaway-enter").click();
			assertThat(viewer1.locator("#giveaway-enter")).hasText("You're in — entry #1");
			viewer2.locator("#giveaway-enter").click();
			assertThat(viewer2.locator("#giveaway-enter")).hasText("You're in — entry #2");
			assertThat(panel.locator("[data-role=giveaway-status]")).containsText("2 entries");
			BrowserSupport.screenshot(viewer2, "giveaway-entered-phone");
			// the seller excludes viewer-2 (say, banned from the chat): their entry stays numbered but is not drawn
			panel.locator("[data-role=giveaway-exclude-user]").fill("viewer-2");
			panel.locator("[data-action=exclude-from-giveaway]").click();
			assertThat(panel.locator("[data-role=giveaway-status]")).containsText("2 entries (excluded: #2)");

			clock.advance(Duration.ofSeconds(301));
			for (Page viewer : new Page[] { viewer1, viewer2 }) {
				assertThat(viewer.locator("#giveaway")).hasAttribute("data-status", "DRAWN");
				assertThat(viewer.locator("#giveaway-result")).containsText("Seed ");
				assertThat(viewer.locator("#giveaway-result")).containsText("entries excluded by the seller: #2");
			}
			assertThat(viewer1.locator("#giveaway-result strong")).hasText("You won! Entry #1.");
			assertThat(viewer2.locator("#giveaway-result strong")).containsText("Winner: ");
			assertThat(panel.locator("[data-role=giveaway-status]")).containsText("winner: entry #1");
			BrowserSupport.screenshot(viewer1, "giveaway-won-phone");
		}
	}

	private static Page viewerOn(BrowserContext context, String user, long stream) {
		Page page = context.newPage();
		BrowserSupport.signIn(page, user, "/live/" + stream);
		return page;
	}
}
