package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.AriaRole;

import io.livepulse.support.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seller console and the admin page in a real Chromium: confirmation before ending, the masked key,
 * status announcements, replays as cards, the two-axis chart from go-live, and every settings error at once.
 */
class SellerAdminPagesBrowserTests extends BrowserTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	JdbcClient jdbc;

	@Test
	void theKeyIsMaskedEndingIsConfirmedOnlyLiveStreamsHaveEndAndOnlyStatusChangesAreAnnounced() {
		try (BrowserContext context = browsers.laptop(baseUrl())) {
			// the page's clock flows as usual; the 5-s stats refresh below is reached by moving it on
			context.clock().install();
			Page seller = context.newPage();
			BrowserSupport.signIn(seller, "seller-1", "/seller");
			assertThat(seller.locator("#streams")).not().hasAttribute("aria-live", Pattern.compile(".*"));
			assertThat(seller.locator("#create-box")).hasAttribute("open", "");

			seller.getByLabel("Title").fill("Spring sale");
			seller.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create stream")).click();

			// the key is masked until revealed, and Copy copies the real key while masked
			Locator key = seller.locator("#key-value");
			assertThat(seller.locator("#new-key")).isVisible();
			assertThat(seller.locator("#key-for")).containsText("Spring sale");
			assertThat(key).not().containsText("vendor_");
			seller.locator("#copy-key").click();
			assertThat(seller.locator("#copy-status")).hasText("Copied.");
			assertThat((String) seller.evaluate("navigator.clipboard.readText()"))
				.matches("^vendor_456_[0-9]{10}_[A-Za-z0-9_-]{22,}$");
			seller.locator("#reveal-key").click();
			assertThat(key).hasText(Pattern.compile("^vendor_456_[0-9]{10}_[A-Za-z0-9_-]{22,}$"));
			assertThat((String) seller.evaluate("navigator.clipboard.readText()")).isEqualTo(key.textContent());
			seller.locator("#reveal-key").click();
			assertThat(key).not().containsText("vendor_");

			// a stream that has not started offers a quiet, confirmed "Cancel stream", never the red End
			Locator card = seller.locator("article[data-stream-id]").filter(new Locator.FilterOptions()
				.setHasText("Spring sale"));
			assertThat(card.locator(".badge").first()).hasText("CREATED");
			assertThat(card.locator("[data-action=end]")).hasCount(0);
			assertThat(card.locator("[data-action=cancel]")).hasCount(1);
			assertThat(card.locator("[data-action=cancel]")).not().hasClass(Pattern.compile("danger"));
			assertThat(card.locator("button.danger")).hasCount(0);

			card.locator("[data-action=go-live]").click();
			assertThat(card.locator(".badge").first()).hasText("LIVE");
			assertThat(seller.locator("#new-key")).isHidden();
			assertThat(seller.locator("#stream-announcer")).hasAttribute("role", "status");
			assertThat(seller.locator("#stream-announcer")).hasText("‘Spring sale’ is live.");
			assertThat(card.locator("[data-action=cancel]")).hasCount(0);
			assertThat(card.locator("[data-action=end]")).hasClass(Pattern.compile("danger"));

			// while live, the list comes first and the create form is folded away below it
			assertThat(seller.locator("#create-box")).not().hasAttribute("open", "");
			assertThat((Boolean) seller.evaluate("""
					() => Boolean(document.getElementById('my-streams')
					  .compareDocumentPosition(document.getElementById('create-box')) & Node.DOCUMENT_POSITION_FOLLOWING)
					""")).as("the create form comes after the stream list").isTrue();

			// stats refresh every 5 s; the announcement stays the status change alone
			Locator firstFigure = card.locator("[data-stats-for] .figure").first();
			assertThat(firstFigure).isVisible();
			firstFigure.evaluate("figure => figure.dataset.beforeRefresh = 'yes'");
			seller.waitForResponse(response -> response.url().endsWith("/stats"), () -> context.clock().runFor(5_500));
			// the stats were drawn again (new figures, without the mark)
			assertThat(card.locator("[data-before-refresh]")).hasCount(0);
			assertThat(seller.locator("#stream-announcer")).hasText("‘Spring sale’ is live.");
			BrowserSupport.screenshot(seller, "seller-console");

			// End asks first, naming the stream; keeping it changes nothing
			card.locator("[data-action=end]").click();
			Locator dialog = seller.locator("#end-dialog");
			assertThat(dialog).isVisible();
			assertThat(dialog.locator("h2")).hasText("End ‘Spring sale’?");
			assertThat(dialog.locator("#end-save")).isChecked();
			BrowserSupport.screenshot(seller, "seller-end-dialog");
			dialog.locator("#end-keep").click();
			assertThat(dialog).isHidden();
			seller.waitForTimeout(500);
			assertThat(card.locator(".badge").first()).hasText("LIVE");

			card.locator("[data-action=end]").click();
			dialog.locator("#end-confirm").click();
			assertThat(dialog).isHidden();
			// an ended stream leaves the stream list for the Replays, where it has no End or Cancel
			assertThat(card).hasCount(0);
			assertThat(seller.locator("#stream-announcer")).hasText("‘Spring sale’ has ended.");
			Locator ended = seller.locator("#replays .replay-card").filter(new Locator.FilterOptions().setHasText("Spring sale"));
			assertThat(ended.first()).isVisible();
			assertThat(ended.first().locator(".badge").first()).hasText("REPLAY");
			assertThat(ended.locator("[data-action=end], [data-action=cancel]")).hasCount(0);
			assertThat(seller.locator("#no-replays")).isHidden();
			assertThat(seller.locator("#create-box")).hasAttribute("open", "");

			// a stream that never went live is cancelled, confirmed, and leaves no replay
			seller.getByLabel("Title").fill("Never mind");
			seller.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create stream")).click();
			Locator unused = seller.locator("article[data-stream-id]").filter(new Locator.FilterOptions()
				.setHasText("Never mind"));
			unused.locator("[data-action=cancel]").click();
			assertThat(dialog.locator("h2")).hasText("Cancel ‘Never mind’?");
			assertThat(dialog.locator("#end-save")).isHidden();
			dialog.locator("#end-confirm").click();
			assertThat(unused).hasCount(0);
			assertThat(seller.locator("#stream-announcer")).hasText("‘Never mind’ was cancelled.");
			assertThat(seller.locator("#new-key")).isHidden();
			assertThat(seller.locator("#replays")).not().containsText("Never mind");
		}
	}

	/**
	 * A seller of its own (the demo sellers' lists depend on the other classes), whose cookie is set as the
	 * sign-in would have set it.
	 */
	@Test
	void endedStreamsAreOnlyUnderReplaysNewestFirstSixAPageWithFiguresAnalyticsAndTheReplayWhenSaved() {
		ApiClient api = new ApiClient(port);
		String sellerToken = api.token("seller-replays", "SELLER", 9_001L);
		String commerce = api.token("shop", "COMMERCE", null);
		try (BrowserContext context = browsers.laptop(baseUrl())) {
			context.addCookies(List.of(new Cookie("lp_token", sellerToken).setDomain("127.0.0.1").setPath("/")));
			Page seller = context.newPage();
			seller.navigate("/seller");
			assertThat(seller.locator("#no-replays")).hasText("No ended streams yet.");
			assertThat(seller.locator("#replays .replay-card")).hasCount(0);
			assertThat(seller.locator("#replays-pager")).isHidden();

			long sale = api.startedStream(sellerToken, "Boots sale", "LIVE");
			long rehearsal = api.startedStream(sellerToken, "Dry run", "REHEARSAL");
			assertThat(api.post("/api/streams/" + sale + "/purchases", commerce,
					"{\"orderId\":\"order-1\",\"amountMinor\":1250,\"currency\":\"EUR\",\"buyerId\":\"buyer-1\"}").status())
				.isEqualTo(201);
			assertThat(api.post("/api/streams/" + sale + "/end", sellerToken, "{\"save\":true}").status()).isEqualTo(200);
			assertThat(api.post("/api/streams/" + rehearsal + "/end", sellerToken, "{\"save\":true}").status())
				.isEqualTo(200);
			for (int i = 1; i <= 5; i++) {
				long unsaved = api.startedStream(sellerToken, "Unsaved " + i, "LIVE");
				assertThat(api.post("/api/streams/" + unsaved + "/end", sellerToken, "{\"save\":false}").status())
					.isEqualTo(200);
			}
			long cancelled = api.post("/api/streams", sellerToken, "{\"title\":\"Never live\",\"mode\":\"LIVE\"}")
				.json().get("id").asLong();
			assertThat(api.post("/api/streams/" + cancelled + "/end", sellerToken, "{}").status()).isEqualTo(200);
			api.post("/api/streams", sellerToken, "{\"title\":\"Next week\",\"mode\":\"LIVE\"}");
			seller.reload();

			// the stream list holds only what is still to come
			assertThat(seller.locator("#streams .stream-card")).hasCount(1);
			assertThat(seller.locator("#streams .stream-card")).containsText("Next week");

			// page 1: the six newest endings; a stream ended without saving has its figures and analytics, no Watch
			Locator cards = seller.locator("#replays .replay-card");
			assertThat(cards).hasCount(6);
			assertThat(cards.first()).containsText("Unsaved 5");
			assertThat(cards.nth(4)).containsText("Unsaved 1");
			assertThat(seller.locator("#no-replays")).isHidden();
			assertThat(seller.locator("#replays-page")).hasText("Page 1 of 2");
			assertThat(seller.locator("#replays-newer")).isDisabled();
			Locator unsaved = cards.first();
			assertThat(unsaved.locator(".badge").first()).hasText("ENDED");
			assertThat(unsaved).containsText("no replay saved");
			assertThat(unsaved.getByRole(AriaRole.LINK)).hasCount(0);
			assertThat(unsaved.locator("[data-stat=peak]")).hasText("0");
			unsaved.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Analytics")).click();
			assertThat(unsaved.locator(".chart-box canvas")).isVisible();

			Locator rehearsalCard = seller.locator("#replays [data-replay-of='" + rehearsal + "']");
			assertThat(rehearsalCard.locator(".badge.rehearsal")).hasText("Rehearsal — simulated audience");
			assertThat(rehearsalCard.locator("[data-stat=revenue]")).hasText("—");
			assertThat(rehearsalCard.locator("[data-stat=simulated]")).hasText(Pattern.compile("^[0-9]+ / [0-9]+$"));
			assertThat(rehearsalCard).containsText("simulated peak / likes (not real)");
			assertThat(rehearsalCard.getByRole(AriaRole.LINK)).hasAttribute("href", "/live/" + rehearsal);
			BrowserSupport.screenshot(seller, "seller-replays");

			// page 2: the oldest, with its real sale; the cancelled stream (never live) is on no page
			seller.locator("#replays-older").click();
			assertThat(seller.locator("#replays-page")).hasText("Page 2 of 2");
			assertThat(seller.locator("#replays-older")).isDisabled();
			assertThat(cards).hasCount(1);
			Locator saleCard = seller.locator("#replays [data-replay-of='" + sale + "']");
			assertThat(saleCard).containsText("Boots sale");
			assertThat(saleCard.locator("[data-stat=revenue]")).hasText(Pattern.compile("€\\s?12\\.50|12[.,]50\\s?€"));
			assertThat(saleCard.locator("[data-stat=orders]")).hasText("1");
			assertThat(saleCard.locator(".badge.rehearsal")).hasCount(0);
			assertThat(saleCard.locator("[data-stat=simulated]")).hasCount(0);
			assertThat(seller.locator("main")).not().containsText("Never live");
		}
	}

	@Test
	void theAnalyticsChartStartsAtGoLiveWithItsOwnAxisForLikesPerMinute() {
		ApiClient api = new ApiClient(port);
		String sellerToken = api.token("seller-1", "SELLER", 456L);
		long id = api.liveStream(sellerToken, "Chart check");
		Instant startedAt = Instant.parse(api.get("/api/streams/" + id, sellerToken).json().get("startedAt").asString());
		// a point from before go-live, as a stream sampled while it waited for its encoder would have
		jdbc.sql("insert into stream_samples (stream_id, sampled_at, real_viewers, real_likes) values (?, ?, 0, 0)")
			.params(id, Timestamp.from(startedAt.minusSeconds(90)))
			.update();
		try (BrowserContext context = browsers.laptop(baseUrl())) {
			Page seller = context.newPage();
			BrowserSupport.signIn(seller, "seller-1", "/seller");
			Locator card = seller.locator("article[data-stream-id='" + id + "']");
			// the points the page was given, read from its own answer: the sampler may add one at any time
			Response answer = seller.waitForResponse(response -> response.url().endsWith("/analytics"),
					() -> card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Analytics")).click());
			JsonNode timeline = JSON.readTree(answer.text()).get("timeline");
			long sinceGoLive = 0;
			for (JsonNode point : timeline) {
				if (!Instant.parse(point.get("at").asString()).isBefore(startedAt)) {
					sinceGoLive++;
				}
			}
			assertThat(timeline.size()).as("the API still has the earlier point").isGreaterThan((int) sinceGoLive);
			Locator canvas = card.locator(".chart-box canvas");
			seller.waitForFunction("(c) => Boolean(window.Chart && Chart.getChart(c))", canvas.elementHandle());
			@SuppressWarnings("unchecked")
			Map<String, Object> chart = (Map<String, Object>) canvas.evaluate("""
					(c) => { const chart = Chart.getChart(c);
					  return { scales: Object.keys(chart.options.scales), points: chart.data.labels.length,
					    axes: chart.data.datasets.map((d) => d.yAxisID || 'y'), labels: chart.data.datasets.map((d) => d.label),
					    positions: Object.values(chart.scales).filter((s) => s.axis === 'y').map((s) => s.position) }; }
					""");
			assertThat((List<String>) chart.get("scales")).contains("viewers", "likes");
			// likes and chat messages per minute share the right-hand axis; viewers have the left one
			assertThat((List<String>) chart.get("axes")).containsExactly("viewers", "likes", "likes");
			assertThat((List<String>) chart.get("labels")).containsExactly("Real viewers (left axis)",
					"Real likes / min (right axis)", "Real chat messages / min (right axis)");
			assertThat((List<String>) chart.get("positions")).containsExactlyInAnyOrder("left", "right");
			assertThat(((Number) chart.get("points")).longValue()).as("points from go-live on").isEqualTo(sinceGoLive);
		}
		finally {
			api.post("/api/streams/" + id + "/end", sellerToken, "{\"save\":false}");
		}
	}

	@Test
	void theSettingsModalShowsEveryErrorAfterOneSaveThePreviewShowsTheProblemAndTheAuditUsesItsLabels() {
		try (BrowserContext context = browsers.laptop(baseUrl())) {
			Page admin = context.newPage();
			BrowserSupport.signIn(admin, "admin", "/admin/streaming");
			assertThat(admin.locator("#stream-rows tr").first()).isAttached();
			Locator dialog = admin.locator("#settings-dialog");

			admin.locator("#open-settings").click();
			assertThat(dialog).isVisible();
			assertThat(admin.locator("#preview-error")).isHidden();
			assertThat(admin.locator("#preview-chart")).isVisible();
			admin.locator("#maxSimulatedViewers").fill("250");
			admin.locator("#settings-save").click();
			assertThat(dialog).isHidden();
			Locator latest = admin.locator("#audit-rows tr").first();
			assertThat(latest).containsText("Simulated viewers: Maximum");
			assertThat(latest).not().containsText("maxSimulatedViewers");
			assertThat(latest).containsText("250");

			// two blanks and two values out of range: every message after one Save
			admin.locator("#open-settings").click();
			admin.locator("#minSimulatedViewers").fill("");
			admin.locator("#simulatedLikesPerMinute").fill("");
			admin.locator("#viewerTimeoutSeconds").fill("1");
			admin.locator("#likeRateLimitPerSecond").fill("0");
			assertThat(admin.locator("#preview-error")).isVisible();
			assertThat(admin.locator("#preview-error")).containsText("Minimum is blank");
			assertThat(admin.locator("#preview-chart")).isHidden();
			admin.locator("#settings-save").click();
			assertThat(admin.locator("[data-error-for=minSimulatedViewers]")).containsText("required");
			assertThat(admin.locator("[data-error-for=simulatedLikesPerMinute]")).containsText("required");
			assertThat(admin.locator("[data-error-for=viewerTimeoutSeconds]")).containsText("between 2 and 3600");
			assertThat(admin.locator("[data-error-for=likeRateLimitPerSecond]")).containsText("between 1 and 1000");
			assertThat(admin.locator("#settings-form [aria-invalid=true]")).hasCount(4);
			assertThat(admin.locator("#settings-error")).containsText("4 settings need fixing. Nothing was saved.");
			assertThat(dialog).isVisible();

			// minimum above maximum: the preview says so instead of drawing a flat line
			admin.locator("#minSimulatedViewers").fill("500");
			admin.locator("#simulatedLikesPerMinute").fill("3");
			admin.locator("#viewerTimeoutSeconds").fill("30");
			admin.locator("#likeRateLimitPerSecond").fill("10");
			assertThat(admin.locator("#preview-error")).containsText("Minimum (500) is greater than Maximum (250)");
			assertThat(admin.locator("#preview-chart")).isHidden();
			admin.locator("#settings-save").click();
			assertThat(admin.locator("#settings-form")).containsText("greater than");
			assertThat(admin.locator("#settings-form")).not().containsText("maxSimulatedViewers");
			assertThat(admin.locator("#settings-form")).not().containsText("minSimulatedViewers");
			BrowserSupport.screenshot(admin, "admin-settings-invalid");

			admin.locator("#minSimulatedViewers").fill("15");
			assertThat(admin.locator("#preview-error")).isHidden();
			assertThat(admin.locator("#preview-chart")).isVisible();
			admin.locator("#settings-cancel").click();
			assertThat(dialog).isHidden();
			BrowserSupport.screenshot(admin, "admin-streaming");
		}
	}
}
