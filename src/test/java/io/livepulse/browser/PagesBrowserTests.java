package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.ReducedMotion;

import io.livepulse.support.ApiClient;
import io.livepulse.support.TestTokens;

/** The pages in a real Chromium: what sellers, viewers and admins do, on a laptop and a phone. */
class PagesBrowserTests extends BrowserTest {


	/** Once the console has loaded its streams, the form is folded away while one of them is live: unfold it. */
	static void openNewStreamForm(Page seller) {
		seller.waitForFunction("() => document.querySelector('#streams article, #no-streams:not([hidden])')");
		if (!(Boolean) seller.evaluate("document.getElementById('create-box').open")) {
			seller.locator("#create-box summary").click();
		}
	}

	@Test
	void sellerGoesLiveViewerWatchesAndLikesSellerSeesItThenTheStreamEnds() {
		try (BrowserContext sellerContext = browsers.laptop(baseUrl());
				BrowserContext viewerContext = browsers.phone(baseUrl())) {
			Page seller = sellerContext.newPage();
			BrowserSupport.signIn(seller, "seller-1", "/seller");
			openNewStreamForm(seller);
			seller.getByLabel("Title").fill("Autumn sneakers drop");
			seller.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
					new Page.GetByRoleOptions().setName("Create stream")).click();

			Locator key = seller.locator("#key-value");
			seller.locator("#reveal-key").click();
			assertThat(key).hasText(Pattern.compile("^vendor_456_[0-9]{10}_[A-Za-z0-9_-]{22,}$"));
			seller.locator("#copy-key").click();
			assertThat(seller.locator("#copy-status")).hasText("Copied.");
			assertThat((String) seller.evaluate("navigator.clipboard.readText()")).isEqualTo(key.textContent());

			Locator card = seller.locator("article[data-stream-id]").filter(new Locator.FilterOptions()
				.setHasText("Autumn sneakers drop"));
			card.locator("[data-action=go-live]").click();
			assertThat(card.locator(".badge")).containsText("LIVE");
			String streamId = card.getAttribute("data-stream-id");
			BrowserSupport.screenshot(seller, "seller-console");

			Page viewer = viewerContext.newPage();
			BrowserSupport.signIn(viewer, "viewer-1", "/live/" + streamId);
			assertThat(viewer.locator("#viewers")).hasText("1");
			viewer.locator("#like").click();
			assertThat(viewer.locator("#likes")).hasText("1");
			BrowserSupport.screenshot(viewer, "viewer-page-phone");

			// the page subscribes on the dedicated event port (another origin, so CORS is exercised);
			// a like from someone else shows with the page's heartbeats held back: only the push brings it
			assertThat(viewer.locator("#main")).hasAttribute("data-events-url",
					Pattern.compile("^http://127\\.0\\.0\\.1:(?!" + port + "/)\\d+/api/streams/" + streamId + "/events$"));
			String heartbeats = "**/api/streams/" + streamId + "/heartbeat";
			viewer.route(heartbeats, Route::abort);
			ApiClient api = new ApiClient(port);
			assertThat(api.post("/api/streams/" + streamId + "/likes", api.token("viewer-2", "VIEWER", null), null)
				.status()).isEqualTo(200);
			assertThat(viewer.locator("#likes")).hasText("2");
			viewer.unroute(heartbeats);

			assertThat(card.locator("[data-stat=likes]")).containsText("2");
			assertThat(card.locator("[data-stat=viewers]")).containsText("1");

			Page home = sellerContext.newPage();
			home.navigate("/");
			assertThat(home.locator("#live-list")).containsText("Autumn sneakers drop");
			// each live card says how long the stream has been on air, and the time runs
			Locator onAir = home.locator("article[data-stream-id='" + streamId + "'] [data-field=duration]");
			String first = onAir.textContent();
			assertThat(first).matches("\\d+:\\d\\d");
			assertThat(onAir).not().hasText(first);
			// no encoder, so no frame to show: a plain panel, never a broken image
			assertThat(home.locator("article[data-stream-id='" + streamId + "'] .thumb")).hasText("No picture yet");
			assertThat(home.locator("article[data-stream-id='" + streamId + "'] img")).hasCount(0);
			BrowserSupport.screenshot(home, "home");

			card.locator("[data-action=end]").click();
			seller.locator("#end-confirm").click();
			assertThat(viewer.locator("#ended-notice")).isVisible();
			assertThat(viewer.locator("#ended-notice")).containsText("ended");
			assertThat(viewer.locator("#like")).isDisabled();
			assertThat(seller.locator("#replays")).containsText("Autumn sneakers drop");
			BrowserSupport.screenshot(viewer, "viewer-page-ended");
		}
	}

	@Test
	void adminSavesSettingsInTheModalSeesTheAuditAndAnInvalidValueSavesNothing() {
		ApiClient api = new ApiClient(port);
		String adminToken = api.token("admin", "ADMIN", null);
		String sellerToken = api.token("seller-2", "SELLER", 789L);
		long rehearsal = api.startedStream(sellerToken, "Dress rehearsal", "REHEARSAL");
		try (BrowserContext context = browsers.laptop(baseUrl())) {
			Page admin = context.newPage();
			BrowserSupport.signIn(admin, "admin", "/admin/streaming");
			Locator rehearsalRow = admin.locator("#stream-rows tr[data-stream-id='" + rehearsal + "']");
			assertThat(rehearsalRow).containsText("Rehearsal — simulated audience");
			admin.locator("#filter-status").selectOption("LIVE");
			admin.locator("#filter-vendor").fill("789");
			admin.locator("#filters button[type=submit]").click();
			assertThat(admin.locator("#stream-rows tr")).hasCount(1);
			rehearsalRow.locator("button:has-text('Analytics')").click();
			assertThat(admin.locator("#analytics-heading")).containsText("Dress rehearsal");

			admin.locator("#open-settings").click();
			Locator dialog = admin.locator("#settings-dialog");
			assertThat(dialog).isVisible();
			assertThat(admin.getByLabel("Maximum")).hasValue("100");
			admin.getByLabel("Maximum").fill("250");
			BrowserSupport.screenshot(admin, "admin-settings-modal");
			admin.locator("#settings-save").click();
			assertThat(dialog).isHidden();
			assertThat(admin.locator("#audit-rows tr").first()).containsText("Simulated viewers: Maximum");
			assertThat(admin.locator("#audit-rows tr").first()).containsText("250");

			admin.locator("#open-settings").click();
			admin.getByLabel("Minimum").fill("500");
			admin.locator("#settings-save").click();
			assertThat(admin.locator("[data-error-for=minSimulatedViewers]")).containsText("must not be greater");
			assertThat(admin.locator("#settings-error")).containsText("Nothing was saved");
			assertThat(dialog).isVisible();
			BrowserSupport.screenshot(admin, "admin-settings-invalid");
			admin.locator("#settings-cancel").click();

			var stored = api.get("/api/admin/settings", adminToken).json();
			assertThat(stored.get("minSimulatedViewers").asInt()).isEqualTo(15);
			assertThat(stored.get("maxSimulatedViewers").asInt()).isEqualTo(250);
			BrowserSupport.screenshot(admin, "admin-streaming");
		}
	}

	@Test
	void aTitleWithMarkupIsShownAsTextOnEveryPage() {
		ApiClient api = new ApiClient(port);
		String sellerToken = api.token("seller-1", "SELLER", 456L);
		String title = "<script>alert(1)</script><img src=x onerror=alert(2)>";
		long id = api.liveStream(sellerToken, title);

		List<String> dialogs = new ArrayList<>();
		try (BrowserContext context = browsers.laptop(baseUrl())) {
			Page page = context.newPage();
			page.onDialog(dialog -> {
				dialogs.add(dialog.message());
				dialog.dismiss();
			});
			page.navigate("/");
			assertThat(page.locator("#live-list")).containsText(title);
			page.navigate("/live/" + id);
			assertThat(page.locator("h1")).containsText(title);
			BrowserSupport.signIn(page, "seller-1", "/seller");
			assertThat(page.locator("#streams")).containsText(title);
			BrowserSupport.signIn(page, "admin", "/admin/streaming");
			assertThat(page.locator("#stream-rows")).containsText(title);
			page.locator("#stream-rows tr[data-stream-id='" + id + "'] button:has-text('Analytics')").click();
			assertThat(page.locator("#analytics-heading")).containsText(title);
		}
		assertThat(dialogs).as("no script from the title ever ran").isEmpty();
	}

	@Test
	void onA360PixelPhoneTheAdminTablesScrollInTheirOwnBoxAndTheirNoteStaysOnScreen() {
		try (BrowserContext context = browsers.phone(baseUrl())) {
			Page page = context.newPage();
			page.setViewportSize(360, 780);
			BrowserSupport.signIn(page, "admin", "/admin/streaming");
			assertThat(page.locator("#streams-note")).isVisible();

			var note = page.locator("#streams-note").boundingBox();
			assertThat(note.x + note.width).as("the note's right edge").isLessThanOrEqualTo(360);
			assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
				.as("the page itself does not scroll sideways").isTrue();
			for (Object wrap : page.locator(".table-wrap").all()) {
				var box = ((com.microsoft.playwright.Locator) wrap).boundingBox();
				assertThat(box.x + box.width).as("a table's box ends inside the screen").isLessThanOrEqualTo(360);
			}
			assertThat((Boolean) page.evaluate(
					"() => { const w = document.querySelector('.table-wrap'); return w.scrollWidth > w.clientWidth; }"))
				.as("the streams table is wider than the phone and scrolls within its box").isTrue();
			BrowserSupport.screenshot(page, "admin-phone-360");
		}
	}

	@Test
	void pagesCheckRolesLikeTheApi() {
		try (BrowserContext context = browsers.phone(baseUrl())) {
			Page page = context.newPage();
			page.navigate("/seller");
			assertThat(page.locator("h1")).hasText("Sign in required");
			page.navigate("/signin");
			assertThat(page.locator("#demo-users button")).hasCount(5);
			BrowserSupport.screenshot(page, "signin-phone");
			BrowserSupport.signIn(page, "viewer-1", null);
			page.navigate("/admin/streaming");
			assertThat(page.locator("h1")).hasText("This page is for admins");
			page.navigate("/live/424242");
			assertThat(page.locator("h1")).hasText("Not found");
			BrowserSupport.screenshot(page, "not-found-phone");
		}
	}

	private static final String FOREIGN_SECRET = "Hq3Vn8Lx1Tz6Wc9Pb4Ks7Md2Rf5Gy0JeXuAoBiNl-pages";

	/** Puts {@code token} in the page cookie, as if the sign-in had stored it (or it had been there for hours). */
	private void replaceTokenCookie(BrowserContext context, String token) {
		context.clearCookies();
		context.addCookies(List.of(new Cookie("lp_token", token).setDomain("127.0.0.1").setPath("/")));
	}

	@Test
	void aRefusedTokenEndsTheSessionWithASignInLinkAndNeverHeaderNames() {
		ApiClient api = new ApiClient(port);
		long id = api.liveStream(api.token("seller-1", "SELLER", 456L), "Session test");
		Instant now = Instant.now();
		try (BrowserContext context = browsers.laptop(baseUrl())) {
			Page signedIn = context.newPage();
			BrowserSupport.signIn(signedIn, "viewer-1", "/live/" + id);
			assertThat(signedIn.locator("#who")).containsText("Signed in as");
			// closed first: a page still open would itself be refused on its next call (the chat reads again
			// whenever its event stream opens) and forget the token before the page under test could see it
			signedIn.close();
			// the token is no longer accepted (signed by another key): the page finds out on its first call
			replaceTokenCookie(context, TestTokens.hs256(FOREIGN_SECRET,
					TestTokens.claims("viewer-1", "VIEWER", null, now, now.plus(Duration.ofHours(1)))));
			Page page = context.newPage();
			page.navigate("/live/" + id);
			Locator notice = page.locator("#session-ended");
			assertThat(notice).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
			assertThat(notice).containsText("Your session ended — sign in again");
			assertThat(notice.locator("a")).hasAttribute("href", "/signin?next=%2Flive%2F" + id);
			assertThat(page.locator("#like-message")).containsText("Your session ended");
			assertThat(page.locator("#like-message a")).hasAttribute("href", "/signin?next=%2Flive%2F" + id);
			assertThat(page.locator("#like")).isHidden();
			assertThat(page.locator("#who")).not().containsText("Signed in as");
			assertThat(page.locator("#signin-link")).isVisible();
			String text = page.locator("body").innerText();
			assertThat(text).doesNotContain("Authorization").doesNotContain("Bearer");
			BrowserSupport.screenshot(page, "viewer-session-ended");

			// an expired seller token on the server-rendered console: the session ended, no "Signed in as"
			replaceTokenCookie(context, TestTokens.hs256(FOREIGN_SECRET, TestTokens.claims("seller-1", "SELLER", 456L,
					now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))));
			Response response = page.navigate("/seller");
			assertThat(response.status()).isEqualTo(401);
			assertThat(page.locator("h1")).hasText("Your session ended — sign in again");
			assertThat(page.locator("#session-ended")).isVisible();
			assertThat(page.locator("#who")).not().containsText("Signed in as");
			assertThat(page.locator("body").innerText()).doesNotContain("Authorization").doesNotContain("Bearer");

			// a token the browser cannot tell is refused (a valid-looking, unexpired one)
			replaceTokenCookie(context, TestTokens.hs256(FOREIGN_SECRET, TestTokens.claims("seller-1", "SELLER", 456L,
					now, now.plus(Duration.ofHours(1)))));
			page.navigate("/seller");
			assertThat(page.locator("h1")).hasText("Your session ended — sign in again");
			assertThat(page.locator("#who")).not().containsText("Signed in as");
			assertThat(page.locator("#signout")).isHidden();
		}
	}

	@Test
	void anEndedStreamShowsItsFinalDurationFrozenAndNoSignInToLike() {
		ApiClient api = new ApiClient(port);
		String sellerToken = api.token("seller-2", "SELLER", 789L);
		long id = api.liveStream(sellerToken, "Short show");
		try (BrowserContext context = browsers.phone(baseUrl())) {
			// the pages' clock flows as usual; to show the duration stays frozen it is moved on at once
			context.clock().install();
			Page live = context.newPage();
			live.navigate("/live/" + id);
			assertThat(live.locator("#like-signin")).isVisible();
			// real time: the server counts the duration in whole seconds
			live.waitForTimeout(1_100);
			assertThat(api.post("/api/streams/" + id + "/end", sellerToken, null).status()).isEqualTo(200);
			assertThat(live.locator("#ended-notice")).isVisible();
			long finalSeconds = api.get("/api/streams/" + id, null).json().get("durationSeconds").asLong();
			assertThat(finalSeconds).isGreaterThanOrEqualTo(1);
			String atEnd = live.locator("#duration").textContent();
			assertThat(seconds(atEnd)).isBetween(finalSeconds - 1, finalSeconds + 1);
			assertThat(live.locator("#like-signin")).isHidden();
			context.clock().runFor(2_500);
			assertThat(live.locator("#duration")).hasText(atEnd);

			Page fresh = context.newPage();
			fresh.navigate("/live/" + id);
			assertThat(fresh.locator("#ended-notice")).isVisible();
			String shown = fresh.locator("#duration").textContent();
			assertThat(seconds(shown)).isBetween(finalSeconds - 1, finalSeconds + 1);
			assertThat(fresh.locator("#like-signin")).isHidden();
			context.clock().runFor(2_500);
			assertThat(fresh.locator("#duration")).hasText(shown);
			BrowserSupport.screenshot(fresh, "viewer-page-ended-frozen");
		}
	}

	private static long seconds(String minutesAndSeconds) {
		String[] parts = minutesAndSeconds.trim().split(":");
		long total = 0;
		for (String part : parts) {
			total = total * 60 + Long.parseLong(part);
		}
		return total;
	}

	@Test
	void onlyViewersAndLikesAreAnnouncedNotTheTickingDuration() {
		ApiClient api = new ApiClient(port);
		long id = api.liveStream(api.token("seller-1", "SELLER", 456L), "Quiet figures");
		try (BrowserContext context = browsers.laptop(baseUrl())) {
			Page page = context.newPage();
			page.navigate("/live/" + id);
			assertThat((Boolean) page.evaluate("document.getElementById('duration').closest('[aria-live]') === null"))
				.as("the duration changes every second and must not be in a live region").isTrue();
			assertThat((Boolean) page.evaluate("document.getElementById('viewers').closest('[aria-live]') !== null")).isTrue();
			assertThat((Boolean) page.evaluate("document.getElementById('likes').closest('[aria-live]') !== null")).isTrue();
		}
	}

	@Test
	void theLikeCountOnlyMovesForwardAndTheRateLimitMessageSaysWhenThenGoesAway() {
		ApiClient api = new ApiClient(port);
		long id = api.liveStream(api.token("seller-1", "SELLER", 456L), "Like storm");
		try (BrowserContext context = browsers.laptop(baseUrl())) {
			Page page = context.newPage();
			BrowserSupport.signIn(page, "viewer-2", "/live/" + id);
			// the button is shown by the page's script once its click handler is in place; clicks
			// dispatched from script before that go nowhere
			assertThat(page.locator("#like")).isVisible();
			assertThat(page.locator("#like")).isEnabled();
			java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
			page.onResponse(r -> {
				if (r.url().endsWith("/likes") && r.status() == 429) {
					refused.incrementAndGet();
				}
			});
			page.evaluate("""
					window.likeCounts = [];
					new MutationObserver(() => window.likeCounts.push(Number(document.getElementById('likes').textContent)))
					  .observe(document.getElementById('likes'), { childList: true, characterData: true, subtree: true });
					""");
			// a burst far over the per-second limit (10 a second, refilled continuously; the browser sends six
			// at a time, so a dozen could all be accepted on a slow machine), then a few more while the first
			// answers come back
			page.evaluate("for (let i = 0; i < 40; i++) document.getElementById('like').click()");
			Locator message = page.locator("#like-message");
			assertThat(message).hasText("Easy there — you can like again in a second.");
			page.waitForTimeout(150);
			page.evaluate("for (let i = 0; i < 4; i++) document.getElementById('like').click()");
			assertThat(message).hasText("");

			long serverTotal = api.get("/api/streams/" + id + "/engagement", null).json().get("likes").asLong();
			assertThat(serverTotal).as("44 clicks, at least one refused").isBetween(1L, 43L);
			assertThat(page.locator("#likes")).hasText(String.valueOf(serverTotal));
			@SuppressWarnings("unchecked")
			List<Number> counts = (List<Number>) page.evaluate("window.likeCounts");
			assertThat(counts).isNotEmpty();
			assertThat(refused.get()).as("the burst went over the limit").isPositive();
			// the count goes back only to take back a refused like, one for each, never for an accepted one
			long stepsBack = 0;
			for (int i = 1; i < counts.size(); i++) {
				stepsBack += Math.max(0, counts.get(i - 1).longValue() - counts.get(i).longValue());
			}
			assertThat(stepsBack).as("steps back in %s with %d likes refused", counts, refused.get())
				.isLessThanOrEqualTo(refused.get());
			assertThat(counts.get(counts.size() - 1).longValue()).isEqualTo(serverTotal);
			// a second later liking works again, and the message went away by itself
			page.waitForTimeout(1_100);
			page.locator("#like").click();
			assertThat(page.locator("#likes")).hasText(String.valueOf(serverTotal + 1));
			assertThat(message).hasText("");
		}
	}

	@Test
	void theNavOffersOnlyPagesTheRoleCanUseAndFitsOneRowOnAPhone() {
		try (BrowserContext context = browsers.phone(baseUrl())) {
			Page page = context.newPage();
			page.navigate("/");
			assertThat(page.locator("nav a[href='/seller']")).isHidden();
			assertThat(page.locator("nav a[href='/admin/streaming']")).isHidden();

			BrowserSupport.signIn(page, "viewer-1", null);
			assertThat(page.locator("#signout")).isVisible();
			assertThat(page.locator("nav a[href='/seller']")).isHidden();
			assertThat(page.locator("nav a[href='/admin/streaming']")).isHidden();
			assertOneRow(page);
			Response seller = page.navigate("/seller");
			assertThat(seller.status()).isEqualTo(403);
			assertThat(page.locator("h1")).hasText("This page is for sellers");
			assertThat(page.locator("main a[href='/']")).isVisible();
			Response admin = page.navigate("/admin/streaming");
			assertThat(admin.status()).isEqualTo(403);
			assertThat(page.locator("h1")).hasText("This page is for admins");

			BrowserSupport.signIn(page, "seller-1", "/seller");
			assertThat(page.locator("nav a[href='/seller']")).isVisible();
			assertThat(page.locator("nav a[href='/admin/streaming']")).isHidden();
			assertOneRow(page);
			page.setViewportSize(360, 740);
			assertOneRow(page);
			BrowserSupport.screenshot(page, "seller-console-phone-360");
			page.navigate("/admin/streaming");
			assertThat(page.locator("h1")).hasText("This page is for admins");

			page.setViewportSize(390, 844);
			BrowserSupport.signIn(page, "admin", "/admin/streaming");
			assertThat(page.locator("nav a[href='/admin/streaming']")).isVisible();
			assertThat(page.locator("nav a[href='/seller']")).isHidden();
			assertOneRow(page);
		}
	}

	private static void assertOneRow(Page page) {
		double height = page.locator("header.top nav").boundingBox().height;
		assertThat(height).as("nav height at width %s", page.viewportSize().width).isLessThan(60);
		Double brandTop = (Double) page.evaluate("document.querySelector('header.top .brand').getBoundingClientRect().top");
		Object lastTop = page.evaluate("""
				[...document.querySelectorAll('header.top nav > *')].filter((e) => e.offsetParent !== null && !e.classList.contains('skip'))
				  .map((e) => e.getBoundingClientRect().bottom).reduce((a, b) => Math.max(a, b), 0)""");
		assertThat(((Number) lastTop).doubleValue() - brandTop).isLessThan(50);
	}

	@Test
	void labelsUsePluralFormsSellersHaveNamesThereIsAFaviconAndADarkScheme() {
		ApiClient api = new ApiClient(port);
		long id = api.liveStream(api.token("seller-1", "SELLER", 456L), "Winter boots");
		try (BrowserContext context = browsers.phone(baseUrl())) {
			Page page = context.newPage();
			BrowserSupport.signIn(page, "viewer-1", "/live/" + id);
			assertThat(page.locator("#seller")).hasText("Nordic Sneakers");
			assertThat(page.locator("#viewers")).hasText("1");
			assertThat(page.locator("#viewers-label")).hasText("viewer");
			page.waitForResponse(r -> r.url().endsWith("/likes") && r.status() == 200, () -> page.locator("#like").click());
			assertThat(page.locator("#likes")).hasText("1");
			assertThat(page.locator("#likes-label")).hasText("like");
			BrowserSupport.screenshot(page, "viewer-page-phone-labels");

			Page home = context.newPage();
			home.navigate("/");
			Locator card = home.locator("article[data-stream-id='" + id + "']");
			assertThat(card.locator("[data-field=seller]")).hasText("Nordic Sneakers");
			assertThat(card.locator("[data-field=likes]")).hasText("1");
			assertThat(card.locator(".figure .label").nth(1)).hasText("like");

			assertThat(page.locator("head link[rel=icon]")).hasAttribute("href", Pattern.compile("favicon"));
			assertThat(page.request().get("/favicon.svg").status()).isEqualTo(200);
			assertThat(page.request().get("/favicon.ico").status()).isEqualTo(200);
		}
		// a seller without a display name is "Seller <vendor id>"
		long unnamed = api.liveStream(api.token("someone", "SELLER", 321L), "No name");
		try (BrowserContext dark = browsers.browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl())
				.setViewportSize(390, 844).setIsMobile(true).setHasTouch(true).setColorScheme(ColorScheme.DARK)
				.setReducedMotion(ReducedMotion.REDUCE))) {
			Page page = dark.newPage();
			page.navigate("/live/" + unnamed);
			assertThat(page.locator("#seller")).hasText("Seller 321");
			page.navigate("/live/" + id);
			assertThat(page.locator("#seller")).hasText("Nordic Sneakers");
			assertThat((String) page.evaluate("getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(18, 20, 23)");
			assertThat((String) page.evaluate("""
					(() => { const b = document.getElementById('like'); b.hidden = false; b.classList.add('pulse');
					  return getComputedStyle(b).transform; })()""")).isEqualTo("none");
			page.evaluate("(() => { const b = document.getElementById('like'); b.classList.remove('pulse'); b.hidden = true; })()");
			assertThat((String) page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")).isEqualTo("auto");
			BrowserSupport.screenshot(page, "viewer-page-dark");
		}
	}
}
