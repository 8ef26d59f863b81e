package io.livepulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

/** Per-product figures in a stream's analytics and its CSV, and real Buy clicks in the admin table. */
@LivePulseH2Test
class ProductAnalyticsTests {

	@LocalServerPort
	int port;

	ApiClient api;
	long vendor;
	String seller;
	String admin;
	String commerce;

	@BeforeEach
	void signIn() {
		api = new ApiClient(port);
		vendor = Unique.vendorId();
		seller = api.token(Unique.user("seller"), "SELLER", vendor);
		admin = api.token("admin", "ADMIN", null);
		commerce = api.token("shop", "COMMERCE", null);
	}

	long product(String title) {
		String body = "{\"title\":\"%s\",\"priceMinor\":2500,\"currency\":\"EUR\",\"imageUrl\":\"https://shop.example.com/i.jpg\",\"productUrl\":\"https://shop.example.com/p\"}"
			.formatted(title.replace("\"", "\\\""));
		return api.post("/api/products", seller, body).json().get("id").asLong();
	}

	/** A stream that showed, pinned, sold and was clicked; ended. */
	long streamThatSold(String mode, long product) {
		long id = api.startedStream(seller, "Sold " + mode, mode);
		api.put("/api/streams/" + id + "/showcase", seller, "{\"productIds\":[" + product + "]}");
		Map<String, String> viewer = mode.equals("LIVE") ? Map.of("Cookie", api.viewerCookie(id))
				: Map.of("Cookie", "lp_token=" + seller);
		api.post("/api/streams/" + id + "/heartbeat", mode.equals("LIVE") ? null : seller, null, viewer);
		api.post("/api/streams/" + id + "/pin", seller, "{\"productId\":" + product + "}");
		assertThat(api.get("/go/" + id + "/" + product, null, viewer).status()).isEqualTo(302);
		api.post("/api/streams/" + id + "/purchases", commerce, "{\"orderId\":\"%s-%d\",\"amountMinor\":2500,\"currency\":\"EUR\",\"buyerId\":\"b\",\"productId\":%d}"
			.formatted(mode, id, product));
		api.post("/api/streams/" + id + "/end", seller, null);
		return id;
	}

	@Test
	void theReportAndTheCsvCarryEachProductsFiguresWithItsPinWindows() {
		long product = product("=HYPERLINK(\"x\") \"lamp\"");
		long id = streamThatSold("LIVE", product);

		// the last pin window is closed by a module listener a moment after the end
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(api.get("/api/streams/" + id + "/analytics",
				seller).json().get("products").get(0).get("pinWindows").get(0).has("to")).isTrue());
		JsonNode figures = api.get("/api/streams/" + id + "/analytics", seller).json().get("products").get(0);
		assertThat(figures.get("productId").asLong()).isEqualTo(product);
		assertThat(figures.get("impressions").asLong()).isEqualTo(1);
		assertThat(figures.get("clicks").asLong()).isEqualTo(1);
		assertThat(figures.get("orders").asInt()).isEqualTo(1);
		assertThat(figures.get("revenueInPinMinor").asLong()).isEqualTo(2500);
		assertThat(figures.get("pinWindows")).hasSize(1);
		assertThat(figures.get("pinWindows").get(0).has("to")).as("the window closed when the stream ended").isTrue();

		List<String> lines = api.get("/api/streams/" + id + "/analytics.csv", seller).body().lines().toList();
		int blank = lines.indexOf("");
		assertThat(blank).as("the timeline, a blank line, then the products").isPositive();
		assertThat(lines.get(blank + 1)).isEqualTo(ProductCsv.HEADER);
		assertThat(lines.get(blank + 2)).startsWith(product + ",\"'=HYPERLINK(\"\"x\"\") \"\"lamp\"\"\",")
			.contains(",1,1,1.0000,1,1,1.0000,2500,2500,0,EUR,,,");
		assertThat(lines.subList(0, blank)).allSatisfy(line -> assertThat(line.split(",")).hasSize(5));
	}

	@Test
	void theAdminTableCountsRealBuyClicksAndOrdersAndNeverARehearsalsPracticeOnesWhichItShowsApart() {
		long product = product("Mug");
		long live = streamThatSold("LIVE", product);
		long rehearsal = streamThatSold("REHEARSAL", product);

		JsonNode rows = api.get("/api/admin/streams?sort=clicks&direction=desc&vendorId=" + vendor, admin).json();
		assertThat(rows.get(0).get("id").asLong()).isEqualTo(live);
		assertThat(rows.get(0).get("real").get("clicks").asLong()).isEqualTo(1);
		JsonNode practice = rows.valueStream().filter(row -> row.get("id").asLong() == rehearsal).findFirst().orElseThrow();
		assertThat(practice.get("real").get("clicks").asLong()).isZero();
		assertThat(practice.get("real").get("revenueMinor").asLong()).isZero();
		assertThat(practice.get("real").get("orders").asInt()).isZero();
		assertThat(practice.get("practice").get("clicks").asLong()).isEqualTo(1);
		assertThat(practice.get("practice").get("revenueMinor").asLong()).isEqualTo(2500);
		assertThat(practice.get("practice").get("orders").asInt()).isEqualTo(1);
		JsonNode real = rows.valueStream().filter(row -> row.get("id").asLong() == live).findFirst().orElseThrow();
		assertThat(real.get("real").get("revenueMinor").asLong()).isEqualTo(2500);
		assertThat(real.has("practice")).isFalse();
		JsonNode rehearsalFigures = api.get("/api/streams/" + rehearsal + "/analytics", seller).json().get("products").get(0);
		assertThat(rehearsalFigures.get("clicks").asLong()).isZero();
		assertThat(rehearsalFigures.get("practice").get("clicks").asLong()).isEqualTo(1);
	}
}
