package io.livepulse.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.engagement.InteractionService;
import io.livepulse.stream.StreamService;
import io.livepulse.support.ApiClient;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rule that is never bent, checked over many random settings and streams: a LIVE-mode stream
 * never gets a simulated row, a {@code simulated} field, or a figure that differs from its real count;
 * and over random orders: a rehearsal's purchases are practice, never real revenue or orders.
 */
@LivePulseH2Test
class SimulationHonestyPropertyTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	AudienceSimulator simulator;

	@Autowired
	StreamService streams;

	@Autowired
	InteractionService interactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void liveStreamsNeverCarrySimulatedNumbersWhateverTheSettings() {
		ApiClient api = new ApiClient(port);
		String admin = api.token("admin", "ADMIN", null);
		String seller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		Random random = new Random(20261126L);
		String original = api.get("/api/admin/settings", admin).body();
		try {
			everySettingsRound(api, admin, seller, random);
		}
		finally {
			// the settings are the whole service's: the other tests in this context get them back
			api.put("/api/admin/settings", admin, original);
		}
	}

	private void everySettingsRound(ApiClient api, String admin, String seller, Random random) {
		for (int round = 0; round < 20; round++) {
			int min = random.nextInt(0, 500);
			String settings = """
					{"simulatedViewersEnabled":%b,"minSimulatedViewers":%d,"maxSimulatedViewers":%d,
					 "viewerIncreasePerMinute":%d,"viewerDecreasePerMinute":%d,"simulatedLikesEnabled":%b,
					 "simulatedLikesPerMinute":%d,"engagementMultiplier":%.2f,"viewerTimeoutSeconds":30,
					 "likeRateLimitPerSecond":1000,"hideViewerCountBelow":0,"maxViewersPerAddress":25}
					""".formatted(random.nextBoolean() || round % 2 == 0, min, min + random.nextInt(0, 5000),
					random.nextInt(0, 6000), random.nextInt(0, 6000), true, random.nextInt(1, 6000),
					0.1 + random.nextDouble() * 9.9);
			assertThat(api.put("/api/admin/settings", admin, settings).status()).isEqualTo(200);

			long live = api.startedStream(seller, "p", "LIVE");
			long rehearsal = api.startedStream(seller, "p", "REHEARSAL");
			int realViewers = random.nextInt(0, 6);
			int realLikes = random.nextInt(0, 6);
			// a rehearsal is private: its real audience can only be its seller and the admin
			int rehearsalViewers = Math.min(realViewers, 2);
			for (int v = 0; v < realViewers; v++) {
				api.post("/api/streams/" + live + "/heartbeat", null, null,
						java.util.Map.of("Cookie", api.viewerCookie(live)));
			}
			for (int v = 0; v < rehearsalViewers; v++) {
				api.post("/api/streams/" + rehearsal + "/heartbeat", v == 0 ? seller : admin, null);
			}
			String viewer = api.token("viewer-" + round, "VIEWER", null);
			for (long id : new long[] { live, rehearsal }) {
				for (int l = 0; l < realLikes; l++) {
					assertThat(api.post("/api/streams/" + id + "/likes", id == live ? viewer : seller, null).status())
						.isEqualTo(200);
				}
			}

			for (int tick = 0; tick < 5; tick++) {
				simulator.tick();
			}
			double tickSeconds = 1 + random.nextInt(0, 10);
			simulator.simulate(streams.get(rehearsal), tickSeconds);

			assertHonest(api, seller, live, realViewers, realLikes);
			JsonNode rehearsalEngagement = api.get("/api/streams/" + rehearsal + "/engagement", seller).json();
			assertThat(rehearsalEngagement.get("rehearsal").asBoolean()).isTrue();
			assertThat(rehearsalEngagement.get("viewers").asInt()).isEqualTo(rehearsalViewers);
			assertThat(rehearsalEngagement.get("likes").asLong()).isEqualTo(realLikes);
			assertThat(rehearsalEngagement.has("simulated")).isTrue();
			assertThatThrownBy(() -> simulator.simulate(streams.get(live), 60))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("rehearsal streams only");
			assertThatThrownBy(() -> interactions.recordSimulatedLikes(live, 5))
				.isInstanceOf(IllegalStateException.class);

			api.post("/api/streams/" + live + "/end", seller, "{\"save\":true}");
			api.post("/api/streams/" + rehearsal + "/end", seller, "{\"save\":true}");
			JsonNode finalLive = api.get("/api/streams/" + live + "/stats", seller).json();
			assertThat(finalLive.get("likes").asLong()).isEqualTo(realLikes);
			assertThat(finalLive.get("peakViewers").asInt()).as("the probe heartbeat joined too").isEqualTo(realViewers + 1);
			assertThat(finalLive.has("simulated")).isFalse();
			JsonNode finalRehearsal = api.get("/api/streams/" + rehearsal + "/stats", seller).json();
			assertThat(finalRehearsal.get("likes").asLong()).isEqualTo(realLikes);
			assertThat(finalRehearsal.get("peakViewers").asInt()).isEqualTo(rehearsalViewers);
		}

		assertThat(jdbc.sql("""
				select count(*) from stream_interactions i join live_streams s on s.id = i.stream_id
				 where s.mode = 'LIVE' and i.is_simulated = true
				""").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				select count(*) from stream_samples x join live_streams s on s.id = x.stream_id
				 where s.mode = 'LIVE' and (x.simulated_viewers is not null or x.simulated_likes is not null)
				""").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				select count(*) from stream_interactions i join live_streams s on s.id = i.stream_id
				 where s.mode = 'REHEARSAL' and i.is_simulated = true
				""").query(Long.class).single()).isPositive();
	}

	/**
	 * Purchases the shop reports on a rehearsal are practice: whatever orders come in (with or without a
	 * product, repeated order ids, either currency), every real revenue and order figure of the rehearsal
	 * stays exactly 0 (purchase answer, stats, analytics, per-product figures, admin table, frozen figures),
	 * and its practice figures add up to what was bought; a LIVE stream beside it counts its own as real.
	 */
	@Test
	void rehearsalPurchasesAreOnlyPracticeAndAddUpWhileRealFiguresStayZeroWhateverTheOrders() {
		ApiClient api = new ApiClient(port);
		String admin = api.token("admin", "ADMIN", null);
		long vendor = Unique.vendorId();
		String seller = api.token(Unique.user("seller"), "SELLER", vendor);
		String shop = api.token("shop", "COMMERCE", null);
		Random random = new Random(20261221L);

		for (int round = 0; round < 12; round++) {
			long live = api.startedStream(seller, "buy", "LIVE");
			long rehearsal = api.startedStream(seller, "practice buy", "REHEARSAL");
			long product = product(api, seller);
			// a rehearsal sells in dollars every other round, when its orders name no product (priced in euros)
			String practiceCurrency = round % 2 == 0 ? "USD" : "EUR";
			for (long id : new long[] { live, rehearsal }) {
				assertThat(api.put("/api/streams/" + id + "/showcase", seller, "{\"productIds\":[" + product + "]}")
					.status()).isEqualTo(200);
			}
			Sales liveSales = new Sales();
			Sales practice = new Sales();
			for (int p = random.nextInt(0, 9); p > 0; p--) {
				boolean onRehearsal = random.nextBoolean();
				long stream = onRehearsal ? rehearsal : live;
				Sales sales = onRehearsal ? practice : liveSales;
				boolean repeat = !sales.orders.isEmpty() && random.nextInt(4) == 0;
				String body = repeat ? sales.orders.get(random.nextInt(sales.orders.size()))
						: "{\"orderId\":\"o-%d-%d\",\"amountMinor\":%d,\"currency\":\"%s\",\"buyerId\":\"b\"%s}"
							.formatted(round, p, random.nextLong(1, 1_000_000), onRehearsal ? practiceCurrency : "EUR",
									random.nextBoolean() && (!onRehearsal || practiceCurrency.equals("EUR"))
											? ",\"productId\":" + product + ",\"quantity\":" + random.nextInt(1, 4) : "");
				ApiClient.Response answer = api.post("/api/streams/" + stream + "/purchases", shop, body);
				assertThat(answer.status()).as(answer.toString()).isEqualTo(repeat ? 200 : 201);
				if (!repeat) {
					sales.add(body, JSON.readTree(body));
				}
				JsonNode result = answer.json();
				if (onRehearsal) {
					assertRealSalesZero(result);
					assertThat(result.get("rehearsal").asBoolean()).isTrue();
					assertPractice(result.get("practice"), practice);
				}
				else {
					assertThat(result.get("revenueMinor").asLong()).isEqualTo(liveSales.revenue);
					assertThat(result.get("orders").asInt()).isEqualTo(liveSales.orders.size());
					assertThat(result.has("practice")).isFalse();
				}
			}

			assertFigures(api, vendor, seller, admin, live, rehearsal, product, liveSales, practice);
			api.post("/api/streams/" + live + "/end", seller, "{\"save\":true}");
			api.post("/api/streams/" + rehearsal + "/end", seller, "{\"save\":true}");
			assertFigures(api, vendor, seller, admin, live, rehearsal, product, liveSales, practice);
		}

		assertThat(jdbc.sql("""
				select count(*) from stream_interactions i join live_streams s on s.id = i.stream_id
				 where s.mode = 'REHEARSAL' and i.interaction_type = 'PURCHASE' and i.is_simulated = false
				""").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				select count(*) from stream_interactions i join live_streams s on s.id = i.stream_id
				 where s.mode = 'LIVE' and i.is_simulated = true
				""").query(Long.class).single()).isZero();
		assertThat(api.get("/api/admin/reconciliation", admin).json().get("consistent").asBoolean()).isTrue();
	}

	/** What the shop bought on one stream: the bodies sent (to repeat one), revenue, and the product's part. */
	static final class Sales {
		final List<String> orders = new ArrayList<>();
		long revenue;
		int productOrders;
		long productRevenue;

		void add(String body, JsonNode sent) {
			orders.add(body);
			revenue += sent.get("amountMinor").asLong();
			if (sent.has("productId")) {
				productOrders++;
				productRevenue += sent.get("amountMinor").asLong();
			}
		}
	}

	private void assertFigures(ApiClient api, long vendor, String seller, String admin, long live, long rehearsal, long product,
			Sales liveSales, Sales practice) {
		JsonNode rehearsalStats = api.get("/api/streams/" + rehearsal + "/stats", seller).json();
		assertRealSalesZero(rehearsalStats);
		assertPractice(rehearsalStats.get("practiceSales"), practice);
		JsonNode rehearsalReport = api.get("/api/streams/" + rehearsal + "/analytics", seller).json();
		assertRealSalesZero(rehearsalReport);
		assertPractice(rehearsalReport.get("practiceSales"), practice);
		JsonNode liveStats = api.get("/api/streams/" + live + "/stats", seller).json();
		assertThat(liveStats.get("revenueMinor").asLong()).isEqualTo(liveSales.revenue);
		assertThat(liveStats.get("orders").asInt()).isEqualTo(liveSales.orders.size());
		assertThat(liveStats.has("practiceSales")).isFalse();

		for (JsonNode figures : List.of(productFigures(rehearsalReport, product),
				productFigures(api.get("/api/streams/" + rehearsal + "/products/stats", seller).json(), product))) {
			assertThat(figures.get("orders").asInt()).isZero();
			assertThat(figures.get("units").asLong()).isZero();
			assertThat(figures.get("revenueMinor").asLong()).isZero();
			assertThat(figures.get("practice").get("orders").asInt()).isEqualTo(practice.productOrders);
			assertThat(figures.get("practice").get("revenueMinor").asLong()).isEqualTo(practice.productRevenue);
		}
		JsonNode liveProduct = productFigures(api.get("/api/streams/" + live + "/analytics", seller).json(), product);
		assertThat(liveProduct.get("orders").asInt()).isEqualTo(liveSales.productOrders);
		assertThat(liveProduct.get("revenueMinor").asLong()).isEqualTo(liveSales.productRevenue);

		for (JsonNode row : api.get("/api/admin/streams?vendorId=" + vendor, admin).json()) {
			if (row.get("id").asLong() == rehearsal) {
				assertThat(row.get("real").get("revenueMinor").asLong()).isZero();
				assertThat(row.get("real").get("orders").asInt()).isZero();
				assertPractice(row.get("practice"), practice);
			}
			else if (row.get("id").asLong() == live) {
				assertThat(row.get("real").get("revenueMinor").asLong()).isEqualTo(liveSales.revenue);
				assertThat(row.has("practice")).isFalse();
			}
		}
	}

	private static void assertRealSalesZero(JsonNode payload) {
		assertThat(payload.get("revenueMinor").asLong()).as(payload.toString()).isZero();
		assertThat(payload.get("orders").asInt()).as(payload.toString()).isZero();
	}

	private static void assertPractice(JsonNode practiceFigures, Sales practice) {
		assertThat(practiceFigures).as("practice figures").isNotNull();
		assertThat(practiceFigures.get("revenueMinor").asLong()).isEqualTo(practice.revenue);
		assertThat(practiceFigures.get("orders").asInt()).isEqualTo(practice.orders.size());
	}

	private static JsonNode productFigures(JsonNode report, long product) {
		for (JsonNode figures : report.get("products")) {
			if (figures.get("productId").asLong() == product) {
				return figures;
			}
		}
		throw new AssertionError("no figures of product " + product + " in " + report);
	}

	private static long product(ApiClient api, String seller) {
		ApiClient.Response created = api.post("/api/products", seller, """
				{"title":"Practice shoe","priceMinor":1999,"currency":"EUR",
				 "imageUrl":"https://shop.example.com/s.jpg","productUrl":"https://shop.example.com/s"}
				""");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	private void assertHonest(ApiClient api, String seller, long live, int realViewers, int realLikes) {
		List<JsonNode> payloads = new ArrayList<>();
		payloads.add(api.get("/api/streams/" + live + "/engagement", null).json());
		payloads.add(api.get("/api/streams/" + live + "/stats", seller).json());
		payloads.add(api.post("/api/streams/" + live + "/heartbeat", null, null,
				java.util.Map.of("Cookie", api.viewerCookie(live))).json());
		api.post("/api/streams/" + live + "/leave", null, null);
		for (JsonNode payload : payloads) {
			assertThat(payload.has("simulated")).as(payload.toString()).isFalse();
			assertThat(payload.has("rehearsal")).as(payload.toString()).isFalse();
			assertThat(payload.get("likes").asLong()).isEqualTo(realLikes);
		}
		assertThat(payloads.get(0).get("viewers").asInt()).isEqualTo(realViewers);
		assertThat(payloads.get(1).get("viewers").asInt()).isEqualTo(realViewers);
		assertThat(payloads.get(2).get("viewers").asInt()).isEqualTo(realViewers + 1);
	}
}
