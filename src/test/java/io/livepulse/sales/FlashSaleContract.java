package io.livepulse.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.ShiftableClock;
import io.livepulse.support.SseClient;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

/**
 * Flash sales through the API, on H2 and PostgreSQL: the countdown, claims that never oversell or pass a
 * buyer's limit under concurrency, holds settled by the shop's purchase or returned when they expire, who
 * may do what, and bad input that changes nothing.
 */
abstract class FlashSaleContract {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	FlashSaleHolds holds;

	@Autowired
	MeterRegistry meters;

	ApiClient api;
	String seller;
	String otherSeller;
	String admin;
	String shop;

	@BeforeEach
	void signIn() {
		api = new ApiClient(port);
		seller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		otherSeller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		admin = api.token("admin", "ADMIN", null);
		shop = api.token("shop", "COMMERCE", null);
	}

	@AfterEach
	void resetClock() {
		((ShiftableClock) clock).reset();
	}

	String viewer() {
		return api.token(Unique.user("viewer"), "VIEWER", null);
	}

	/** A live stream whose showcase holds one product (49.99 EUR in the shop): {stream, product}. */
	long[] liveStreamWithProduct(String mode) {
		long stream = mode.equals("LIVE") ? api.liveStream(seller, "Flash")
				: api.startedStream(seller, "Flash practice", mode);
		Response product = api.post("/api/products", seller, """
				{"title":"Runner","priceMinor":4999,"currency":"EUR","imageUrl":"https://shop.example.com/r.jpg",
				 "productUrl":"https://shop.example.com/r"}""");
		long productId = product.json().get("id").asLong();
		api.put("/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + productId + "]}");
		return new long[] { stream, productId };
	}

	Response start(long stream, long product, int stock, int limit) {
		return api.post("/api/streams/" + stream + "/flash-sales", seller, """
				{"productId":%d,"priceMinor":2500,"stock":%d,"perBuyerLimit":%d,"startsInSeconds":120,"durationSeconds":60}"""
			.formatted(product, stock, limit));
	}

	Response claim(long sale, String token, int quantity) {
		return api.post("/api/flash-sales/" + sale + "/claims", token, "{\"quantity\":" + quantity + "}");
	}

	/** Sales start in 120 s, so that a loaded machine's real time cannot end the countdown before the test does. */
	void countdownPasses() {
		((ShiftableClock) clock).advance(Duration.ofSeconds(121));
	}

	@Test
	void viewersSeeTheCountdownThenClaimUnitsAndEveryViewerIsToldTheUnitsLeft() throws Exception {
		long[] setup = liveStreamWithProduct("LIVE");
		try (SseClient events = SseClient.open(api.baseUrl() + "/api/streams/" + setup[0] + "/events")) {
			Response started = start(setup[0], setup[1], 5, 2);
			assertThat(started.status()).isEqualTo(201);
			JsonNode sale = started.json();
			long id = sale.get("id").asLong();
			assertThat(sale.get("status").asString()).isEqualTo("COUNTDOWN");
			assertThat(sale.get("title").asString()).isEqualTo("Runner");
			assertThat(sale.get("priceMinor").asLong()).isEqualTo(2500);
			assertThat(sale.get("currency").asString()).isEqualTo("EUR");
			assertThat(sale.get("unitsLeft").asInt()).isEqualTo(5);
			assertThat(events.awaitEvent("sale", 2_000, event -> event.data().contains("\"COUNTDOWN\""))).isNotNull();

			String buyer = viewer();
			Response early = claim(id, buyer, 1);
			assertThat(early.status()).isEqualTo(409);
			assertThat(early.json().get("status").asString()).isEqualTo("COUNTDOWN");

			countdownPasses();
			Response claimed = claim(id, buyer, 2);
			assertThat(claimed.status()).isEqualTo(201);
			assertThat(claimed.json().get("unitsLeft").asInt()).isEqualTo(3);
			assertThat(claimed.json().get("amountMinor").asLong()).isEqualTo(5000);
			assertThat(claimed.json().get("claimId").asString()).hasSize(36);
			assertThat(events.awaitEvent("sale", 2_000, event -> event.data().contains("\"unitsLeft\":3"))).isNotNull();
			JsonNode publicView = api.get("/api/flash-sales/" + id, null).json();
			assertThat(publicView.get("status").asString()).isEqualTo("RUNNING");
			assertThat(publicView.has("unitsConfirmed")).as("the seller's figure only").isFalse();
			assertThat(api.get("/api/streams/" + setup[0] + "/flash-sales", null).json().get(0).get("id").asLong()).isEqualTo(id);

			Response overLimit = claim(id, buyer, 1);
			assertThat(overLimit.status()).isEqualTo(403);
			assertThat(overLimit.isProblem()).isTrue();
		}
	}

	@Test
	void concurrentClaimsNeverOversellNorPassABuyersLimitAndASoldOutSaleSaysSo() throws Exception {
		long[] setup = liveStreamWithProduct("LIVE");
		long id = start(setup[0], setup[1], 25, 2).json().get("id").asLong();
		countdownPasses();
		List<String> buyers = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			buyers.add(viewer());
		}
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> claims = new ArrayList<>();
			for (String buyer : buyers) {
				for (int quantity : new int[] { 1, 2, 1 }) {
					claims.add(pool.submit(() -> statuses.computeIfAbsent(claim(id, buyer, quantity).status(),
							status -> new AtomicInteger()).incrementAndGet()));
				}
			}
			for (Future<?> done : claims) {
				done.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(statuses.keySet()).as("created, sold out or over the limit").isSubsetOf(201, 403, 409);
		long taken = jdbc.sql("select coalesce(sum(quantity), 0) from flash_sale_claims where sale_id = :id")
			.param("id", id).query(Long.class).single();
		assertThat(taken).as("units claimed").isEqualTo(25);
		assertThat(jdbc.sql("select units_taken from flash_sales where id = :id").param("id", id).query(Integer.class).single())
			.isEqualTo(25);
		assertThat(jdbc.sql("select max(units) from flash_sale_buyers where sale_id = :id").param("id", id)
			.query(Integer.class).single()).as("no buyer past the limit").isLessThanOrEqualTo(2);
		assertThat(jdbc.sql("""
				select coalesce(max(total), 0) from (select sum(quantity) total from flash_sale_claims where sale_id = :id
				 group by user_id) per_buyer""").param("id", id).query(Integer.class).single()).isLessThanOrEqualTo(2);

		Response soldOut = claim(id, viewer(), 1);
		assertThat(soldOut.status()).isEqualTo(409);
		assertThat(soldOut.json().get("status").asString()).isEqualTo("SOLD_OUT");
		assertThat(api.get("/api/flash-sales/" + id, null).json().get("status").asString()).isEqualTo("SOLD_OUT");
	}

	@Test
	void theShopSettlesAClaimWithItsPurchaseAndAnExpiredHoldGivesItsUnitsBack() {
		long[] setup = liveStreamWithProduct("LIVE");
		long id = start(setup[0], setup[1], 3, 3).json().get("id").asLong();
		countdownPasses();
		String buyerId = Unique.user("buyer");
		String buyer = api.token(buyerId, "VIEWER", null);
		String paid = claim(id, buyer, 2).json().get("claimId").asString();
		String unpaid = claim(id, buyer, 1).json().get("claimId").asString();
		assertThat(claim(id, viewer(), 1).status()).as("all held").isEqualTo(409);

		Response wrongAmount = purchase(setup[0], "FS-0", buyerId, 2500, setup[1], 2, paid);
		Response otherBuyer = purchase(setup[0], "FS-0", "someone-else", 5000, setup[1], 2, paid);
		Response settled = purchase(setup[0], "FS-1", buyerId, 5000, setup[1], 2, paid);
		Response again = purchase(setup[0], "FS-1", buyerId, 5000, setup[1], 2, paid);
		Response secondOrder = purchase(setup[0], "FS-2", buyerId, 5000, setup[1], 2, paid);
		assertThat(wrongAmount.status()).isEqualTo(422);
		assertThat(otherBuyer.status()).isEqualTo(422);
		assertThat(settled.status()).isEqualTo(201);
		assertThat(again.status()).as("the same order again").isEqualTo(200);
		assertThat(secondOrder.status()).as("a claim pays once").isEqualTo(409);
		assertThat(api.get("/api/flash-sales/" + id, seller).json().get("unitsConfirmed").asInt()).isEqualTo(2);
		// an order already recorded without the claim, reported again naming it, does not pass for settling it
		assertThat(api.post("/api/streams/" + setup[0] + "/purchases", shop, """
				{"orderId":"FS-5","amountMinor":2500,"currency":"EUR","buyerId":"%s","productId":%d,"quantity":1}"""
			.formatted(buyerId, setup[1])).status()).isEqualTo(201);
		assertThat(purchase(setup[0], "FS-5", buyerId, 2500, setup[1], 1, unpaid).status()).isEqualTo(409);

		((ShiftableClock) clock).advance(Duration.ofMinutes(6));
		Response late = purchase(setup[0], "FS-3", buyerId, 2500, setup[1], 1, unpaid);
		assertThat(late.status()).as("past its hold, even before the units are returned").isEqualTo(409);
		assertThat(late.json().get("detail").asString()).contains("expired");
		holds.returnExpiredHolds();
		assertThat(api.get("/api/flash-sales/" + id, null).json().get("unitsLeft").asInt())
			.as("the unpaid unit is back").isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from stream_interactions where stream_id = :id and interaction_type = 'PURCHASE'")
			.param("id", setup[0]).query(Long.class).single()).as("the settled order and the one without a claim").isEqualTo(2);
		JsonNode commerce = api.get("/api/streams/" + setup[0] + "/analytics", seller).json().get("liveCommerce");
		assertThat(commerce.get("flashSales").asInt()).isEqualTo(1);
		assertThat(commerce.get("claims").asLong()).as("both claims taken").isEqualTo(2);
		assertThat(commerce.get("unitsClaimed").asLong()).as("the returned unit is not").isEqualTo(2);
		assertThat(commerce.get("unitsPaid").asLong()).isEqualTo(2);
	}

	@Test
	void onlyTheSellerOrAnAdminStartsAndStopsAndTheSellerNeverClaims() {
		long[] setup = liveStreamWithProduct("LIVE");
		String body = """
				{"productId":%d,"priceMinor":2500,"stock":5,"perBuyerLimit":1,"startsInSeconds":120,"durationSeconds":60}"""
			.formatted(setup[1]);
		assertThat(api.post("/api/streams/" + setup[0] + "/flash-sales", viewer(), body).status()).isEqualTo(403);
		assertThat(api.post("/api/streams/" + setup[0] + "/flash-sales", otherSeller, body).status()).isEqualTo(403);
		assertThat(api.post("/api/streams/" + setup[0] + "/flash-sales", null, body).status()).isEqualTo(401);
		long id = api.post("/api/streams/" + setup[0] + "/flash-sales", admin, body).json().get("id").asLong();
		assertThat(start(setup[0], setup[1], 5, 1).status()).as("one sale at a time").isEqualTo(409);
		countdownPasses();

		assertThat(claim(id, seller, 1).status()).as("the seller").isEqualTo(403);
		assertThat(claim(id, null, 1).status()).isEqualTo(401);
		assertThat(api.post("/api/flash-sales/" + id + "/stop", viewer(), null).status()).isEqualTo(403);
		Response stopped = api.post("/api/flash-sales/" + id + "/stop", seller, null);
		assertThat(stopped.status()).isEqualTo(200);
		assertThat(stopped.json().get("status").asString()).isEqualTo("STOPPED");
		assertThat(claim(id, viewer(), 1).status()).isEqualTo(409);
		assertThat(api.post("/api/flash-sales/" + id + "/stop", seller, null).status()).isEqualTo(409);
		assertThat(start(setup[0], setup[1], 5, 1).status()).as("a new sale once stopped").isEqualTo(201);
	}

	@Test
	void badInputGetsAProblemAndStartsNothing() {
		long[] setup = liveStreamWithProduct("LIVE");
		long otherProduct = api.post("/api/products", seller, """
				{"title":"Not shown","priceMinor":100,"currency":"EUR","imageUrl":"https://shop.example.com/n.jpg",
				 "productUrl":"https://shop.example.com/n"}""").json().get("id").asLong();
		String url = "/api/streams/" + setup[0] + "/flash-sales";
		List<Response> refused = List.of(
				api.post(url, seller, "{\"productId\":%d,\"priceMinor\":2500,\"stock\":5,\"perBuyerLimit\":1,\"startsInSeconds\":5,\"durationSeconds\":60}".formatted(setup[1])),
				api.post(url, seller, "{\"productId\":%d,\"priceMinor\":2500,\"stock\":0,\"perBuyerLimit\":1,\"startsInSeconds\":10,\"durationSeconds\":60}".formatted(setup[1])),
				api.post(url, seller, "{\"productId\":%d,\"priceMinor\":2500,\"stock\":5,\"perBuyerLimit\":1,\"startsInSeconds\":10,\"durationSeconds\":1201}".formatted(setup[1])),
				api.post(url, seller, "{\"productId\":%d,\"stock\":5}".formatted(setup[1])),
				api.post(url, seller, "{\"productId\":\"%d\",\"priceMinor\":2500,\"stock\":5,\"perBuyerLimit\":1,\"startsInSeconds\":10,\"durationSeconds\":60}".formatted(setup[1])),
				api.post(url, seller, "{\"productId\":%d,\"priceMinor\":2500,\"stock\":5,\"perBuyerLimit\":1,\"startsInSeconds\":10,\"durationSeconds\":60}".formatted(otherProduct)),
				api.post(url, seller, "not json"));
		for (Response response : refused) {
			assertThat(response.status()).as(response.body()).isIn(400, 422);
			assertThat(response.isProblem()).as(response.body()).isTrue();
		}
		assertThat(api.get(url, null).json()).as("no sale started").isEmpty();

		long id = start(setup[0], setup[1], 5, 2).json().get("id").asLong();
		countdownPasses();
		String buyer = viewer();
		for (String claimBody : List.of("{\"quantity\":0}", "{\"quantity\":-1}", "{\"quantity\":11}", "{}", "{\"quantity\":1.5}")) {
			Response response = api.post("/api/flash-sales/" + id + "/claims", buyer, claimBody);
			assertThat(response.status()).as(claimBody).isEqualTo(400);
			assertThat(response.isProblem()).isTrue();
		}
		assertThat(api.get("/api/flash-sales/" + id, null).json().get("unitsLeft").asInt()).isEqualTo(5);
		assertThat(api.get("/api/flash-sales/999999999", null).status()).isEqualTo(404);
	}

	@Test
	void aClaimIsAnsweredTheSameWhetherTheFastLaneOrTheControllerTakesIt() {
		long[] setup = liveStreamWithProduct("LIVE");
		long id = start(setup[0], setup[1], 5, 2).json().get("id").asLong();
		countdownPasses();
		String claims = "/api/flash-sales/" + id + "/claims";

		// a query string sends the claim past the fast lane, to the controller
		Response byController = api.post(claims + "?via=controller", viewer(), "{\"quantity\":1}");
		Response byLane = api.post(claims, viewer(), "{\"quantity\":1}");
		for (Response taken : List.of(byController, byLane)) {
			assertThat(taken.status()).as(taken.body()).isEqualTo(201);
			assertThat(taken.header("X-Content-Type-Options")).isEqualTo("nosniff");
		}
		assertThat(fieldNames(byLane.json())).isEqualTo(fieldNames(byController.json()));
		assertThat(byLane.json().get("unitsLeft").asInt()).isEqualTo(3);

		Response overLimit = api.post(claims, viewer(), "{\"quantity\":3}");
		Response overLimitByController = api.post(claims + "?via=controller", viewer(), "{\"quantity\":3}");
		assertThat(overLimit.status()).as("past the buyer's limit of 2: " + overLimit.body()).isEqualTo(403);
		assertThat(overLimit.isProblem()).isTrue();
		assertThat(overLimit.contentType()).isEqualTo(overLimitByController.contentType());
		for (String field : List.of("status", "title", "detail", "perBuyerLimit")) {
			assertThat(overLimit.json().get(field)).as(field).isEqualTo(overLimitByController.json().get(field));
		}
		assertThat(overLimit.header("X-Content-Type-Options")).isEqualTo(overLimitByController.header("X-Content-Type-Options"));
		assertThat(api.post(claims, "not-a-token", "{\"quantity\":1}").status()).as("a token that does not verify")
			.isEqualTo(401);
		Response notJson = api.exchange("POST", claims, viewer(), "quantity=1", "text/plain", Map.of());
		assertThat(notJson.status()).as(notJson.body()).isEqualTo(415);
		assertThat(api.get("/api/flash-sales/" + id, null).json().get("unitsLeft").asInt())
			.as("the refused claim gave back the units it took").isEqualTo(3);
	}

	private static List<String> fieldNames(JsonNode node) {
		return node.propertyNames().stream().sorted().toList();
	}

	@Test
	void aRehearsalsSaleIsPracticeAndHiddenFromOutsiders() {
		long[] setup = liveStreamWithProduct("REHEARSAL");
		Response started = start(setup[0], setup[1], 5, 2);
		assertThat(started.status()).isEqualTo(201);
		long id = started.json().get("id").asLong();
		assertThat(started.json().get("practice").asBoolean()).isTrue();
		assertThat(api.get("/api/flash-sales/" + id, viewer()).status()).isEqualTo(404);
		assertThat(api.get("/api/flash-sales/" + id, null).status()).isEqualTo(404);
		assertThat(claim(id, viewer(), 1).status()).isEqualTo(404);
		countdownPasses();
		Response practised = claim(id, admin, 1);
		assertThat(practised.status()).isEqualTo(201);
		assertThat(practised.json().get("practice").asBoolean()).isTrue();
	}

	@Test
	void claimsAreCountedByOutcomeInTheMetricsWhicheverLaneTakesThemAndPracticeApart() {
		long[] setup = liveStreamWithProduct("LIVE");
		long id = start(setup[0], setup[1], 2, 2).json().get("id").asLong();
		long[] rehearsal = liveStreamWithProduct("REHEARSAL");
		long practice = start(rehearsal[0], rehearsal[1], 5, 2).json().get("id").asLong();
		Map<String, Double> before = claimCounts();

		assertThat(claim(id, viewer(), 1).status()).as("in the countdown").isEqualTo(409);
		countdownPasses();
		assertThat(claim(id, viewer(), 2).status()).as("by the fast lane").isEqualTo(201);
		assertThat(claim(id, viewer(), 1).status()).as("sold out").isEqualTo(409);
		assertThat(api.post("/api/flash-sales/" + practice + "/claims?via=controller", admin, "{\"quantity\":1}").status())
			.as("a rehearsal's, by the controller").isEqualTo(201);

		Map<String, Double> after = claimCounts();
		after.replaceAll((series, count) -> count - before.get(series));
		assertThat(after).containsEntry("not_running/false", 1.0).containsEntry("held/false", 1.0)
			.containsEntry("sold_out/false", 1.0).containsEntry("held/true", 1.0).containsEntry("units/false", 2.0)
			.containsEntry("units/true", 1.0);
		assertThat(after.values().stream().mapToDouble(Double::doubleValue).sum()).as("nothing else counted").isEqualTo(7.0);
	}

	@Test
	void aBuyerWhoClaimsFasterThanAPersonIsToldWhenToTryAgain() {
		long[] setup = liveStreamWithProduct("LIVE");
		long id = start(setup[0], setup[1], 100, 50).json().get("id").asLong();
		countdownPasses();
		String fast = viewer();
		List<Response> answers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			answers.add(claim(id, fast, 1));
		}
		List<Response> limited = answers.stream().filter(answer -> answer.status() == 429).toList();
		assertThat(limited).as("20 claims at once: 5 at a burst, then 2 a second").isNotEmpty();
		for (Response answer : limited) {
			assertThat(answer.isProblem()).isTrue();
			assertThat(answer.header("Retry-After")).isEqualTo("1");
			assertThat(answer.json().get("retryAfterSeconds").asInt()).isEqualTo(1);
		}
		long held = answers.stream().filter(answer -> answer.status() == 201).count();
		assertThat(api.get("/api/flash-sales/" + id, null).json().get("unitsLeft").asInt()).isEqualTo(100 - held);
	}

	private Map<String, Double> claimCounts() {
		Map<String, Double> counts = new TreeMap<>();
		meters.find("livepulse.flash_sales.claims").counters().forEach(counter -> counts
			.put(counter.getId().getTag("outcome") + "/" + counter.getId().getTag("practice"), counter.count()));
		meters.find("livepulse.flash_sales.units_held").counters()
			.forEach(counter -> counts.put("units/" + counter.getId().getTag("practice"), counter.count()));
		return counts;
	}

	Response purchase(long stream, String orderId, String buyerId, long amountMinor, long productId, int quantity,
			String claimId) {
		return api.post("/api/streams/" + stream + "/purchases", shop, """
				{"orderId":"%s","amountMinor":%d,"currency":"EUR","buyerId":"%s","productId":%d,"quantity":%d,"claimId":"%s"}"""
			.formatted(orderId, amountMinor, buyerId, productId, quantity, claimId));
	}
}
