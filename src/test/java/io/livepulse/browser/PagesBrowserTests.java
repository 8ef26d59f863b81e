package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

import io.livepulse.support.ApiClient;
import io.livepulse.support.Databases;

/** The pages in a real Chromium: what sellers, viewers and admins do, on a laptop and a phone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserTests {

	private static final LocatorAssertions.ContainsTextOptions WITHIN_6S = new LocatorAssertions.ContainsTextOptions()
		.setTimeout(6_000);

	@LocalServerPort
	int port;

	BrowserSupport browsers;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	@BeforeAll
	void startBrowser() {
		browsers = new BrowserSupport();
	}

	@AfterAll
	void stopBrowser() {
		browsers.close();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	@Test
	void sellerGoesLiveViewerWatchesAndLikesSellerSeesItThenTheStreamEnds() {
		try (BrowserContext sellerContext = browsers.laptop(baseUrl());
				BrowserContext viewerContext = browsers.phone(baseUrl())) {
			Page seller = sellerContext.newPage();
			BrowserSupport.signIn(seller, "seller-1", "/seller");
			seller.getByLabel("Title").fill("Autumn sneakers drop");
			seller.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
					new Page.GetByRoleOptions().setName("Create stream")).click();

			Locator key = seller.locator("#key-value");
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
			assertThat(viewer.locator("#viewers")).hasText("1", new LocatorAssertions.HasTextOptions().setTimeout(6_000));
			viewer.locator("#like").click();
			assertThat(viewer.locator("#likes")).hasText("1");
			BrowserSupport.screenshot(viewer, "viewer-page-phone");

			// the page subscribes on the dedicated event port (another origin, so CORS is exercised);
			// a like from someone else shows within 4 s, sooner than the 10-second heartbeat could
			assertThat(viewer.locator("#main")).hasAttribute("data-events-url",
					Pattern.compile("^http://127\\.0\\.0\\.1:(?!" + port + "/)\\d+/api/streams/" + streamId + "/events$"));
			ApiClient api = new ApiClient(port);
			assertThat(api.post("/api/streams/" + streamId + "/likes", api.token("viewer-2", "VIEWER", null), null)
				.status()).isEqualTo(200);
			assertThat(viewer.locator("#likes")).hasText("2", new LocatorAssertions.HasTextOptions().setTimeout(4_000));

			assertThat(card.locator("[data-stat=likes]")).containsText("2", WITHIN_6S);
			assertThat(card.locator("[data-stat=viewers]")).containsText("1", WITHIN_6S);

			Page home = sellerContext.newPage();
			home.navigate("/");
			assertThat(home.locator("#live-list")).containsText("Autumn sneakers drop");
			BrowserSupport.screenshot(home, "home");

			card.locator("[data-action=end]").click();
			assertThat(viewer.locator("#ended-notice")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(6_000));
			assertThat(viewer.locator("#ended-notice")).containsText("ended");
			assertThat(viewer.locator("#like")).isDisabled();
			assertThat(seller.locator("#replays")).containsText("Autumn sneakers drop", WITHIN_6S);
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
			rehearsalRow.locator("button").click();
			assertThat(admin.locator("#analytics-heading")).containsText("Dress rehearsal");

			admin.locator("#open-settings").click();
			Locator dialog = admin.locator("#settings-dialog");
			assertThat(dialog).isVisible();
			assertThat(admin.getByLabel("Maximum")).hasValue("100");
			admin.getByLabel("Maximum").fill("250");
			BrowserSupport.screenshot(admin, "admin-settings-modal");
			admin.locator("#settings-save").click();
			assertThat(dialog).isHidden();
			assertThat(admin.locator("#audit-rows tr").first()).containsText("maxSimulatedViewers");
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
			page.locator("#stream-rows tr[data-stream-id='" + id + "'] button").click();
			assertThat(page.locator("#analytics-heading")).containsText(title);
		}
		assertThat(dialogs).as("no script from the title ever ran").isEmpty();
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
			assertThat(page.locator("h1")).hasText("Sign in required");
			page.navigate("/live/424242");
			assertThat(page.locator("h1")).hasText("Not found");
			BrowserSupport.screenshot(page, "not-found-phone");
		}
	}
}
