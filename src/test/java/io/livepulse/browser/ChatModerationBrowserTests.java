package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import io.livepulse.support.ApiClient;

/**
 * Chat moderation from the pages in a real Chromium: the seller console's buttons delete a message
 * (a second viewer sees it go), time a viewer out, pin a message (it shows above the viewers'
 * chat), release a held one, set slow mode and ban (after confirming), and show the refusal's detail on
 * bad input; a link to an allowed host is
 * a link, one to another host plain text; the admin page's queue and link-host list.
 */
class ChatModerationBrowserTests extends BrowserTest {

	private static Locator message(Page page, String scope, String text) {
		return page.locator(scope + " .chat-list li", new Page.LocatorOptions().setHasText(text));
	}

	@Test
	void theSellerModeratesFromTheConsoleAndViewersSeeIt() {
		ApiClient api = new ApiClient(port);
		String admin = api.token("admin", "ADMIN", null);
		String seller = api.token("seller-1", "SELLER", 456L);
		String viewer2 = api.token("viewer-2", "VIEWER", null);
		assertThat(api.put("/api/admin/chat/link-hosts", admin, "{\"hosts\":[\"shop.example.com\"]}").status()).isEqualTo(200);
		long stream = api.liveStream(seller, "Moderated drop");
		String chat = "[data-chat-for='" + stream + "']";

		try (BrowserContext laptop = browsers.laptop(baseUrl()); BrowserContext first = browsers.phone(baseUrl());
				BrowserContext second = browsers.phone(baseUrl())) {
			Page one = first.newPage();
			BrowserSupport.signIn(one, "viewer-1", "/live/" + stream);
			Page two = second.newPage();
			BrowserSupport.signIn(two, "viewer-2", "/live/" + stream);
			one.locator("#chat-input").fill("rude words here");
			one.locator("#chat-send").click();
			assertThat(message(two, "#chat", "rude words here")).hasCount(1);
			api.post("/api/streams/" + stream + "/chat", viewer2,
					"{\"text\":\"Specs at https://shop.example.com/p/42, not https://evil.example.net/x or https://shop.example.com@evil.example.net/\"}");

			// links: only the allowed host is a link, built with the safe rel and target
			Locator links = message(one, "#chat", "Specs at").locator("a");
			assertThat(links).hasCount(1);
			assertThat(links).hasAttribute("href", "https://shop.example.com/p/42");
			assertThat(links).hasAttribute("rel", "nofollow noopener noreferrer");
			assertThat(links).hasAttribute("target", "_blank");
			assertThat(message(one, "#chat", "Specs at").locator(".chat-text"))
				.hasText("Specs at https://shop.example.com/p/42, not https://evil.example.net/x or https://shop.example.com@evil.example.net/");

			Page console = laptop.newPage();
			BrowserSupport.signIn(console, "seller-1", "/seller");
			Locator feedback = console.locator(chat + " [data-role=chat-feedback]");
			Locator rude = message(console, chat, "rude words here");
			assertThat(rude).hasCount(1);

			// delete: gone for the second viewer too (how soon is bench/'s, row 4d)
			rude.locator("[data-action=chat-delete]").click();
			assertThat(message(two, "#chat", "rude words here")).hasCount(0);
			assertThat(feedback).hasText("Message deleted.");

			// a refused action shows the problem's detail
			one.locator("#chat-input").fill("let me explain");
			one.locator("#chat-send").click();
			Locator explain = message(console, chat, "let me explain");
			assertThat(explain).hasCount(1);
			console.locator(chat + " input[aria-label='Time-out minutes']").fill("0");
			explain.locator("[data-action=chat-timeout]").click();
			assertThat(feedback).containsText("minutes must be between 1 and 60");
			assertThat(feedback).hasClass(Pattern.compile("error"));

			// time out: the viewer's next message is refused and the input says until when
			console.locator(chat + " input[aria-label='Time-out minutes']").fill("5");
			explain.locator("[data-action=chat-timeout]").click();
			assertThat(feedback).containsText("viewer-1 is timed out until");
			one.locator("#chat-input").fill("why?");
			one.locator("#chat-send").click();
			assertThat(one.locator("#chat-reason")).containsText("You are timed out until");
			assertThat(one.locator("#chat-input")).isDisabled();

			// pin: shown above both viewers' chat lists
			message(console, chat, "Specs at").locator("[data-action=chat-pin]").click();
			assertThat(feedback).hasText("Message pinned.");
			assertThat(one.locator("#chat-pinned")).isVisible();
			assertThat(one.locator("#chat-pinned")).containsText("Specs at https://shop.example.com/p/42");
			assertThat(two.locator("#chat-pinned .chat-text a")).hasAttribute("href", "https://shop.example.com/p/42");
			BrowserSupport.screenshot(console, "seller-chat-console");
			BrowserSupport.screenshot(two, "viewer-chat-pinned-phone");

			// the moderation queue: a held message is released from the console
			api.put("/api/sellers/me/blocked-terms", seller, "{\"terms\":[\"knockoff\"]}");
			two.locator("#chat-input").fill("is this a knockoff?");
			two.locator("#chat-send").click();
			assertThat(two.locator("#chat-reason")).hasText("Your message is held for the seller to review.");
			Locator held = console.locator(chat + " [data-role=review-list] li", new Page.LocatorOptions().setHasText("knockoff"));
			assertThat(held).hasCount(1);
			assertThat(held.locator(".badge")).hasText("HELD");
			held.locator("[data-action=chat-release]").click();
			assertThat(feedback).hasText("Message released: viewers see it now.");
			assertThat(message(one, "#chat", "is this a knockoff?")).hasCount(1);
			assertThat(held).hasCount(0);

			console.locator(chat + " .chat-pinned [data-action=chat-unpin]").click();
			assertThat(one.locator("#chat-pinned")).isHidden();

			// settings: slow mode reaches the viewers' hint
			console.locator(chat + " [data-role=chat-slow]").fill("10");
			console.locator(chat + " [data-action=chat-settings]").click();
			assertThat(feedback).hasText("Chat settings saved: chat on, slow mode 10 s.");
			assertThat(two.locator("#chat-hint")).hasText("slow mode: 10 s");

			// ban, once confirmed: the viewer is refused with the reason
			console.onceDialog(dialog -> dialog.accept());
			message(console, chat, "Specs at").locator("[data-action=chat-ban]").click();
			assertThat(feedback).hasText("viewer-2 is banned from your streams' chat.");
			two.locator("#chat-input").fill("hello?");
			two.locator("#chat-send").click();
			assertThat(two.locator("#chat-reason")).hasText("You are banned from this seller\u2019s chat.");
			assertThat(two.locator("#chat-input")).isDisabled();
		}
		finally {
			api.put("/api/sellers/me/blocked-terms", seller, "{\"terms\":[]}");
		}
	}

	@Test
	void theAdminDeletesAReportedMessageFromTheQueueAndKeepsTheLinkHosts() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-2", "SELLER", 789L);
		String poster = api.token("viewer-queue", "VIEWER", null);
		String reporter = api.token("viewer-reporter", "VIEWER", null);
		long stream = api.liveStream(seller, "Queue stream");
		long reported = api.post("/api/streams/" + stream + "/chat", poster, "{\"text\":\"buy followers cheap\"}").json()
			.get("id").asLong();
		api.post("/api/streams/" + stream + "/chat/" + reported + "/reports", reporter, null);

		try (BrowserContext laptop = browsers.laptop(baseUrl())) {
			Page page = laptop.newPage();
			BrowserSupport.signIn(page, "admin", "/admin/streaming");
			Locator item = page.locator("#chat-queue li", new Page.LocatorOptions().setHasText("buy followers cheap"));
			assertThat(item.locator(".badge")).hasText("1 report");
			item.locator("[data-action=delete]").click();
			assertThat(page.locator("#chat-queue-feedback")).hasText("Message deleted.");
			assertThat(item).hasCount(0);
			assertThat(api.get("/api/streams/" + stream + "/chat", null).json().get("messages").size()).isZero();

			page.locator("#link-hosts").fill("shop.example.com\nhttps://evil.example.net/path");
			page.locator("#link-hosts-save").click();
			assertThat(page.locator("#link-hosts-feedback")).containsText("“https://evil.example.net/path” must be a host name");
			assertThat(page.locator("#link-hosts-feedback")).hasClass(Pattern.compile("error"));
			page.locator("#link-hosts").fill("Shop.Example.com\n\n docs.example.org ");
			page.locator("#link-hosts-save").click();
			assertThat(page.locator("#link-hosts-feedback")).hasText("Saved: links to docs.example.org, shop.example.com are clickable.");
			assertThat(page.locator("#link-hosts")).hasValue("docs.example.org\nshop.example.com");
		}
		finally {
			api.put("/api/admin/chat/link-hosts", api.token("admin", "ADMIN", null), "{\"hosts\":[]}");
		}
	}

	/**
	 * A host that only looks like an allowed one is never a link: Cyrillic letters for Latin ones (the
	 * browser reads punycode), fullwidth letters and a percent escape (which the browser's URL parser maps
	 * to the allowed host itself, so only the host as written tells them apart).
	 */
	@Test
	void aHostThatOnlyLooksLikeAnAllowedOneStaysText() {
		ApiClient api = new ApiClient(port);
		String admin = api.token("admin", "ADMIN", null);
		String seller = api.token("seller-3", "SELLER", 321L);
		String poster = api.token("viewer-look-alike", "VIEWER", null);
		assertThat(api.put("/api/admin/chat/link-hosts", admin, "{\"hosts\":[\"shop.example.com\"]}").status()).isEqualTo(200);
		long stream = api.liveStream(seller, "Look-alike links");
		String text = "Look-alikes https://\u0455hop.example.com/a https://\uFF53\uFF48\uFF4F\uFF50.example.com/b"
				+ " https://%73hop.example.com/c, the real one https://Shop.example.com/d";
		assertThat(api.post("/api/streams/" + stream + "/chat", poster, "{\"text\":\"" + text + "\"}").status()).isEqualTo(201);

		try (BrowserContext phone = browsers.phone(baseUrl())) {
			Page page = phone.newPage();
			BrowserSupport.signIn(page, "viewer-1", "/live/" + stream);
			Locator shown = message(page, "#chat", "Look-alikes");
			assertThat(shown.locator(".chat-text")).hasText(text);
			Locator links = shown.locator("a");
			assertThat(links).hasCount(1);
			assertThat(links).hasAttribute("href", "https://shop.example.com/d");
		}
		finally {
			api.put("/api/admin/chat/link-hosts", admin, "{\"hosts\":[]}");
		}
	}
}
