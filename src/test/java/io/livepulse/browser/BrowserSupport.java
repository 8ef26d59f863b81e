package io.livepulse.browser;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ReducedMotion;

/** Debian's Chromium driven by Playwright; no browser download, flags that work on these machines. */
final class BrowserSupport implements AutoCloseable {

	static final Path SCREENSHOTS = Paths.get("target", "screenshots");
	private static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

	private static BrowserSupport shared;

	private final Playwright playwright;
	final Browser browser;

	/**
	 * One Chromium for every browser class of the run (each test opens browser contexts of its own, so
	 * no cookies or storage are shared), closed when the JVM exits.
	 */
	static synchronized BrowserSupport shared() {
		if (shared == null) {
			shared = new BrowserSupport();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "close-chromium"));
		}
		return shared;
	}

	BrowserSupport() {
		if (!Files.isExecutable(CHROMIUM)) {
			throw new IllegalStateException(CHROMIUM + " is missing: run 'apt-get install -y chromium' (bin/test does this as root).");
		}
		// a page's answer to a server event waits on the test JVMs and Chromium sharing two cores: room for that in every
		// assertion (one that holds returns at once; only a failure takes the whole wait)
		PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
		playwright = Playwright.create(new Playwright.CreateOptions()
			.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
			.setExecutablePath(CHROMIUM)
			.setHeadless(true)
			.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
					// a camera and microphone of test patterns for the console's camera publish
					"--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream")));
	}

	// users who asked for less motion: the pages scroll at once instead of smoothly, so a click lands on a
	// button that has stopped moving even when the machine is too loaded to draw every frame of a scroll
	BrowserContext laptop(String baseUrl) {
		return browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl).setViewportSize(1280, 860)
			.setPermissions(List.of("clipboard-read", "clipboard-write")).setReducedMotion(ReducedMotion.REDUCE));
	}

	BrowserContext phone(String baseUrl) {
		return browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl).setViewportSize(390, 844)
			.setIsMobile(true).setHasTouch(true).setReducedMotion(ReducedMotion.REDUCE));
	}

	/** Signs in through the dev sign-in page by clicking a demo user, landing on {@code next}. */
	/**
	 * A JavaScript expression, for a page on /signin, that imports one of the site's modules from where the page's own
	 * script came (its path may carry a version).
	 */
	static String importModule(String module) {
		return "await import(document.querySelector('script[src*=\"/js/signin.js\"]').src.replace('/js/signin.js', '/js/"
				+ module + "'))";
	}

	static void signIn(Page page, String demoUser, String next) {
		page.navigate("/signin" + (next == null ? "" : "?next=" + next));
		page.locator("#demo-users button[data-user='" + demoUser + "']").click();
		// by path, not a glob: "**/live/1" also matches the sign-in page's own "?next=/live/1"
		String landing = next == null ? "/" : next;
		page.waitForURL(url -> URI.create(url).getPath().equals(landing));
	}

	/**
	 * Where the README's pictures come from ({@code docs/screenshots}): taken only when asked for
	 * ({@code -Dlivepulse.test.screenshots=true}), since a full-page PNG of every step costs the suite Chromium's time.
	 */
	static void screenshot(Page page, String name) {
		screenshot(page, name, true);
	}

	/** The page as on the screen only ({@code wholePage} false), or all of it. */
	static void screenshot(Page page, String name, boolean wholePage) {
		if (!Boolean.getBoolean("livepulse.test.screenshots")) {
			return;
		}
		try {
			Files.createDirectories(SCREENSHOTS);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(wholePage));
	}

	@Override
	public void close() {
		browser.close();
		playwright.close();
	}
}
