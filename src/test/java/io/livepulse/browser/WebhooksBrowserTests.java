package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

/**
 * A seller plugs their shop in from the console: adds an endpoint, copies its secret (shown once), sends a test
 * event the shop receives signed, and reads the delivery in the log; then rotates the secret and disables it.
 */
class WebhooksBrowserTests extends BrowserTest {

	@Test
	void aSellerAddsAnEndpointSeesItsSecretOnceSendsATestEventAndReadsItsDeliveryLog() throws IOException {
		List<String> received = new CopyOnWriteArrayList<>();
		HttpServer shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		shop.createContext("/hook", exchange -> {
			received.add(exchange.getRequestHeaders().getFirst("webhook-signature") + " "
					+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		shop.start();
		try (BrowserContext context = browsers.laptop(baseUrl())) {
			Page console = context.newPage();
			BrowserSupport.signIn(console, "seller-2", "/seller");
			String url = "http://127.0.0.1:" + shop.getAddress().getPort() + "/hook";
			console.locator("#webhook-url").fill(url);
			console.locator("#webhooks input[value='order.attributed']").check();
			console.locator("#webhook-add").click();
			assertThat(console.locator("#webhook-secret")).containsText("copy it now");
			String secret = console.locator("[data-role=webhook-secret-value]").textContent();
			assertThat(secret).startsWith("whsec_");
			Locator endpoint = console.locator("#webhook-list li", new Page.LocatorOptions().setHasText(url));
			assertThat(endpoint).containsText("order.attributed");
			BrowserSupport.screenshot(console, "seller-webhooks");

			endpoint.locator("[data-action=test]").click();
			await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
			assertThat(received.getFirst()).startsWith("v1,").contains("\"type\":\"webhook.test\"");
			endpoint.locator("[data-action=deliveries]").click();
			assertThat(endpoint.locator("tr[data-status=SUCCEEDED]")).containsText("webhook.test");

			endpoint.locator("[data-action=rotate]").click();
			assertThat(console.locator("[data-role=webhook-secret-value]")).not().hasText(secret);
			endpoint.locator("[data-action=toggle]").click();
			assertThat(console.locator("#webhook-list li", new Page.LocatorOptions().setHasText(url))).containsText("disabled");
			console.reload();
			assertThat(console.locator("#webhook-list")).not().containsText("whsec_");
		}
		finally {
			shop.stop(0);
		}
	}
}
