package io.livepulse.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.livepulse.support.SignInNextCases;

/**
 * After the dev sign-in the browser goes only to a path on this site: the page script refuses what the
 * server would (the same table as {@code SignInNextTests}), and {@code ?next=//134744072/phish} lands home.
 */
class SignInRedirectBrowserTests extends BrowserTest {

	@Test
	void thePageScriptTakesOnlyALocalPathAsNext() {
		try (BrowserContext context = browsers.laptop(baseUrl()); Page page = context.newPage()) {
			page.navigate("/signin");
			List<String> wrong = new ArrayList<>();
			for (Map.Entry<String, String> row : SignInNextCases.cases().entrySet()) {
				Object got = page.evaluate("""
						async next => {
						  const { localPath } = %s;
						  return localPath(next);
						}""".formatted(BrowserSupport.importModule("localpath.js")), row.getKey());
				if (!row.getValue().equals(got)) {
					wrong.add(row.getKey().replaceAll("\\p{Cntrl}", "?") + " -> '" + got + "', expected '" + row.getValue() + "'");
				}
			}
			assertThat(wrong).isEmpty();
		}
	}

	@Test
	void aProtocolRelativeNextLandsOnTheHomePageOfThisSite() {
		try (BrowserContext context = browsers.laptop(baseUrl()); Page page = context.newPage()) {
			page.navigate("/signin?next=" + URLEncoder.encode("//134744072/phish", StandardCharsets.UTF_8));
			assertThat(page.locator("#main").getAttribute("data-next")).isEqualTo("/");

			page.locator("#demo-users button[data-user='viewer-1']").click();
			page.waitForURL(url -> URI.create(url).getPath().equals("/") && !url.contains("signin"));

			assertThat(URI.create(page.url()).getHost()).isEqualTo("127.0.0.1");
		}
	}

	/** The page script checks the next it is given again, should the server ever let one through. */
	@Test
	void thePageScriptStaysOnThisSiteWhateverNextThePageCarries() {
		try (BrowserContext context = browsers.laptop(baseUrl()); Page page = context.newPage()) {
			context.route(url -> !URI.create(url).getHost().equals("127.0.0.1"), route -> route.abort());
			for (String foreign : List.of("//134744072/phish", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)",
					"https://evil.example/")) {
				page.navigate("/signin");
				page.evaluate("next => document.getElementById('main').dataset.next = next", foreign);
				page.locator("#demo-users button[data-user='viewer-1']").click();
				page.waitForURL(url -> !url.contains("/signin"), new Page.WaitForURLOptions().setTimeout(15_000));

				assertThat(page.url()).as(foreign.replaceAll("\\p{Cntrl}", "?")).isEqualTo(baseUrl() + "/");
			}
		}
	}

	@Test
	void aLocalNextIsStillFollowed() {
		try (BrowserContext context = browsers.laptop(baseUrl()); Page page = context.newPage()) {
			BrowserSupport.signIn(page, "seller-1", "/seller");

			assertThat(URI.create(page.url()).getPath()).isEqualTo("/seller");
		}
	}
}
