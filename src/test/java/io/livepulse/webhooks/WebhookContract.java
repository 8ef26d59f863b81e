package io.livepulse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.ShiftableClock;
import io.livepulse.support.Unique;
import io.livepulse.support.WebhookReceiver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks through the API, on H2 and PostgreSQL, to a receiving endpoint on 127.0.0.1 (the tests' dev switch):
 * signed deliveries of stream, pin and order events; retries with the same id until a 2xx; 410 disables; the
 * delivery log and redelivery; who may do what; bad input and private targets refused.
 */
abstract class WebhookContract {

	private static final List<String> ALL = List.of("stream.live", "stream.ended", "product.pinned", "order.attributed");

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	ApiClient api;
	String seller;
	long vendor;
	WebhookReceiver shop;

	@BeforeEach
	void setUp() throws Exception {
		api = new ApiClient(port);
		vendor = Unique.vendorId();
		seller = api.token(Unique.user("seller"), "SELLER", vendor);
		shop = new WebhookReceiver();
	}

	@AfterEach
	void tearDown() {
		((ShiftableClock) clock).reset();
		shop.close();
	}

	JsonNode register(String token, List<String> events) {
		Response created = api.post("/api/webhooks", token, """
				{"url":"%s","events":[%s]}""".formatted(shop.url(), String.join(",", events.stream().map(e -> "\"" + e + "\"").toList())));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	/** The signature the spec's algorithm gives, computed here without the service's code. */
	static String expectedSignature(String secret, WebhookReceiver.Received request) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
		byte[] digest = mac.doFinal((request.id() + "." + request.timestamp() + "." + request.body()).getBytes(StandardCharsets.UTF_8));
		return "v1," + Base64.getEncoder().encodeToString(digest);
	}

	@Test
	void aShopHearsItsStreamGoLivePinAnOrderAndEndEachSignedTheStandardWebhooksWay() throws Exception {
		JsonNode endpoint = register(seller, ALL);
		String secret = endpoint.get("secret").asString();
		assertThat(secret).startsWith("whsec_");
		assertThat(api.get("/api/webhooks", seller).body()).as("the secret only once").doesNotContain(secret);

		long stream = api.liveStream(seller, "Hooked");
		long product = api.post("/api/products", seller, """
				{"title":"Hook","priceMinor":1500,"currency":"EUR","imageUrl":"https://shop.example.com/h.jpg",
				 "productUrl":"https://shop.example.com/h"}""").json().get("id").asLong();
		api.put("/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + product + "]}");
		api.post("/api/streams/" + stream + "/pin", seller, "{\"productId\":" + product + "}");
		String commerce = api.token("shop", "COMMERCE", null);
		api.post("/api/streams/" + stream + "/purchases", commerce, """
				{"orderId":"WH-1","amountMinor":1500,"currency":"EUR","buyerId":"b1","productId":%d,"quantity":1}""".formatted(product));
		api.post("/api/streams/" + stream + "/end", seller, "{\"save\":false}");

		await().atMost(Duration.ofSeconds(10)).until(() -> !shop.of("stream.ended").isEmpty() && !shop.of("order.attributed").isEmpty()
				&& !shop.of("product.pinned").isEmpty() && !shop.of("stream.live").isEmpty());
		for (WebhookReceiver.Received request : shop.received) {
			assertThat(request.signature()).as(request.body()).isEqualTo(expectedSignature(secret, request));
			assertThat(request.id()).startsWith("msg_");
			assertThat(Long.parseLong(request.timestamp())).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
			assertThat(request.userAgent()).isEqualTo(WebhookSender.USER_AGENT);
		}
		assertThat(shop.of("order.attributed").getFirst().body()).contains("\"orderId\":\"WH-1\"", "\"amountMinor\":1500",
				"\"streamId\":" + stream);
		assertThat(shop.of("stream.ended").getFirst().body()).contains("\"finalMetrics\"", "\"revenueMinor\":1500");
		assertThat(shop.of("product.pinned").getFirst().body()).contains("\"title\":\"Hook\"");
		assertThat(shop.received).as("each event once").hasSize(4);
		JsonNode log = api.get("/api/webhooks/" + endpoint.get("id").asLong() + "/deliveries", seller).json();
		assertThat(log).hasSize(4);
		log.forEach(delivery -> assertThat(delivery.get("status").asString()).isEqualTo("SUCCEEDED"));
	}

	@Test
	void aShopHearsEachClosedMinutesCountedClickThroughsOnceAndNeverARehearsalsOrAnUncountedVisitors() throws Exception {
		register(seller, List.of("product.clicked"));
		// clicks are told per minute: start 2 s into one, so a loaded machine's clicks below stay within it
		Instant now = clock.instant();
		((ShiftableClock) clock).advance(Duration.between(now,
				now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(62)));
		long stream = api.liveStream(seller, "Clicked");
		long boots = product("Boots"), socks = product("Socks");
		api.put("/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + boots + "," + socks + "]}");
		Map<String, String> first = countedViewer(stream), second = countedViewer(stream);
		for (Map<String, String> viewer : List.of(first, first, second)) {
			assertThat(api.get("/go/" + stream + "/" + boots, null, viewer).status()).isEqualTo(302);
		}
		api.get("/go/" + stream + "/" + socks, null, first);
		api.get("/go/" + stream + "/" + socks, null, Map.of());
		long rehearsal = api.startedStream(seller, "Practice clicks", "REHEARSAL");
		long practiced = product("Practice boots");
		api.put("/api/streams/" + rehearsal + "/showcase", seller, "{\"productIds\":[" + practiced + "]}");
		api.post("/api/streams/" + rehearsal + "/heartbeat", seller, null);
		assertThat(api.get("/go/" + rehearsal + "/" + practiced, null, Map.of("Cookie", "lp_token=" + seller)).status()).isEqualTo(302);
		assertThat(api.get("/api/streams/" + rehearsal + "/products/stats", seller).json().get("products").get(0)
			.get("practice").get("clicks").asLong()).as("the rehearsal's click is stored, as practice").isEqualTo(1);

		((ShiftableClock) clock).advance(Duration.ofSeconds(80));
		await().atMost(Duration.ofSeconds(10)).until(() -> !shop.of("product.clicked").isEmpty());
		Thread.sleep(2_500);
		assertThat(shop.received).as("one minute of one stream, told once").hasSize(1);
		JsonNode data = JsonMapper.builder().build().readTree(shop.received.getFirst().body()).get("data");
		assertThat(data.get("streamId").asLong()).isEqualTo(stream);
		assertThat(data.get("clicks").asLong()).as("each viewer's first Buy per product").isEqualTo(3);
		assertThat(data.get("products").toString()).isEqualTo(
				"[{\"productId\":%d,\"clicks\":2},{\"productId\":%d,\"clicks\":1}]".formatted(boots, socks));
		assertThat(Instant.parse(data.get("to").asString())).isEqualTo(Instant.parse(data.get("from").asString()).plusSeconds(60));
	}

	private long product(String title) {
		return api.post("/api/products", seller, """
				{"title":"%s","priceMinor":1500,"currency":"EUR","imageUrl":"https://shop.example.com/i.jpg",
				 "productUrl":"https://shop.example.com/p"}""".formatted(title)).json().get("id").asLong();
	}

	/** A device the stream counts: issued by a first heartbeat, counted from its second. */
	private Map<String, String> countedViewer(long streamId) {
		Map<String, String> cookie = Map.of("Cookie", api.viewerCookie(streamId));
		assertThat(api.post("/api/streams/" + streamId + "/heartbeat", null, null, cookie).status()).isEqualTo(200);
		return cookie;
	}

	@Test
	void aBacklogReachesTheEndpointNoFasterThanItsSendRateAndEveryEventArrivesOnce() {
		register(seller, List.of("order.attributed"));
		long stream = api.liveStream(seller, "Busy shop");
		long lamp = product("Lamp");
		api.put("/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + lamp + "]}");
		String commerce = api.token("shop", "COMMERCE", null);
		shop.hold();
		for (int i = 0; i < 60; i++) {
			assertThat(api.post("/api/streams/" + stream + "/purchases", commerce, """
					{"orderId":"BUSY-%d","amountMinor":1500,"currency":"EUR","buyerId":"b%d","productId":%d,"quantity":1}"""
				.formatted(i, i, lamp)).status()).isEqualTo(201);
		}
		long released = System.nanoTime();
		shop.release();
		await().atMost(Duration.ofSeconds(20)).until(() -> shop.of("order.attributed").size() >= 60);
		long inTheFirstSecond = shop.arrivals.stream().filter(at -> at - released < 1_000_000_000L).count();
		// the test profile's 20 a second: the 4 held when released, a full bucket of 20, 20 more within the second
		assertThat(inTheFirstSecond).as("sent in the first second after the endpoint answered again").isLessThanOrEqualTo(44);
		assertThat(shop.received.stream().map(WebhookReceiver.Received::id).distinct()).hasSize(60);
	}

	/**
	 * A shop that stopped answering, with more deliveries waiting than one pass of the dispatcher takes, holds no other
	 * shop's deliveries back (its backlog once filled every pass, each skipped as busy).
	 */
	@Test
	void aShopThatStoppedAnsweringWithAHugeBacklogHoldsNoOtherShopsDeliveriesBack() throws Exception {
		long stuck = register(seller, List.of("order.attributed")).get("id").asLong();
		long stream = api.liveStream(seller, "Shop that stopped answering");
		long lamp = product("Lamp");
		api.put("/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + lamp + "]}");
		String commerce = api.token("shop", "COMMERCE", null);
		shop.hold();
		try (WebhookReceiver otherShop = new WebhookReceiver()) {
			for (int i = 0; i < WebhookDispatcher.BATCH + 10; i++) {
				assertThat(api.post("/api/streams/" + stream + "/purchases", commerce, """
						{"orderId":"STUCK-%d","amountMinor":1500,"currency":"EUR","buyerId":"b%d","productId":%d,"quantity":1}"""
					.formatted(i, i, lamp)).status()).isEqualTo(201);
			}
			String otherSeller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
			assertThat(api.post("/api/webhooks", otherSeller, """
					{"url":"%s","events":["stream.live"]}""".formatted(otherShop.url())).status()).isEqualTo(201);
			api.liveStream(otherSeller, "The other shop's show");
			await().atMost(Duration.ofSeconds(15)).until(() -> otherShop.of("stream.live").size() == 1);
		}
		finally {
			// its backlog goes with it, instead of being tried on in the shared context after this test
			api.delete("/api/webhooks/" + stuck, seller);
			shop.release();
		}
	}

	@Test
	void theTestButtonSendsAFewEventsAndThenSaysToWait() {
		JsonNode endpoint = register(seller, List.of("stream.live"));
		String test = "/api/webhooks/" + endpoint.get("id").asLong() + "/test";
		// at once: the bucket of 5 refills one every 2 s, which a loaded machine's one-by-one posts could reach
		List<Response> burst = api.postAtOnce(test, seller, 6);
		assertThat(burst).extracting(Response::status).containsExactlyInAnyOrder(202, 202, 202, 202, 202, 429);
		assertThat(burst).filteredOn(answer -> answer.status() == 429).singleElement()
			.satisfies(refused -> assertThat(refused.isProblem()).isTrue());
		assertThat(api.get("/api/webhooks/" + endpoint.get("id").asLong() + "/deliveries", seller).json())
			.as("no row for the refused one").hasSize(5);
	}

	@Test
	void anAuctionsResultReachesTheShopOnceThoughEveryNodeTellsIt() {
		register(seller, List.of("auction.sold"));
		long stream = api.liveStream(seller, "Hooked auction");
		long product = api.post("/api/products", seller, """
				{"title":"Lot","priceMinor":1500,"currency":"EUR","imageUrl":"https://shop.example.com/l.jpg",
				 "productUrl":"https://shop.example.com/l"}""").json().get("id").asLong();
		api.put("/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + product + "]}");
		long auction = api.post("/api/streams/" + stream + "/auctions", seller, """
				{"productId":%d,"startingPriceMinor":1000,"durationSeconds":10,"suddenDeath":true}""".formatted(product))
			.json().get("id").asLong();
		String bidder = api.token(Unique.user("bidder"), "VIEWER", null);
		assertThat(api.post("/api/auctions/" + auction + "/bids", bidder, "{\"amountMinor\":1000}").status()).isEqualTo(201);
		((ShiftableClock) clock).advance(Duration.ofSeconds(11));
		await().atMost(Duration.ofSeconds(10)).until(() -> !shop.of("auction.sold").isEmpty());
		assertThat(shop.of("auction.sold").getFirst().body()).contains("\"auctionId\":" + auction, "\"finalPriceMinor\":1000");
		assertThat(shop.received).hasSize(1);
	}

	/** The draw skips excluded entries: a shop recomputing the winner from the webhook alone must know which. */
	@Test
	void aGiveawaysDrawReachesTheShopWithEverythingToRecomputeItExcludedEntriesIncluded() {
		register(seller, List.of("giveaway.drawn"));
		long stream = api.liveStream(seller, "Hooked giveaway");
		long giveaway = api.post("/api/streams/" + stream + "/giveaways", seller, "{\"entrySeconds\":60,\"chattersOnly\":false}")
			.json().get("id").asLong();
		List<String> fans = List.of(Unique.user("fan"), Unique.user("fan"), Unique.user("fan"));
		for (String fan : fans) {
			String token = api.token(fan, "VIEWER", null);
			api.post("/api/streams/" + stream + "/heartbeat", token, null);
			assertThat(api.post("/api/giveaways/" + giveaway + "/entries", token, null).status()).isEqualTo(201);
		}
		assertThat(api.post("/api/giveaways/" + giveaway + "/exclusions", seller, "{\"userId\":\"" + fans.get(1) + "\"}")
			.status()).isEqualTo(200);
		((ShiftableClock) clock).advance(Duration.ofSeconds(61));

		await().atMost(Duration.ofSeconds(10)).until(() -> !shop.of("giveaway.drawn").isEmpty());
		assertThat(shop.of("giveaway.drawn").getFirst().body()).contains("\"giveawayId\":" + giveaway, "\"entries\":3",
				"\"excludedEntries\":[2]", "\"seed\":");
	}

	@Test
	void aFailingEndpointGetsTheEventAgainWithTheSameIdUntilItAnswers2xxAndThenNeverAgain() throws Exception {
		JsonNode endpoint = register(seller, List.of("stream.live"));
		shop.answer(500, 503, 404);
		api.liveStream(seller, "Retried");
		await().atMost(Duration.ofSeconds(10)).until(() -> shop.received.size() >= 4);
		Thread.sleep(1_000);
		assertThat(shop.received).as("three failures, then the success, nothing after").hasSize(4);
		assertThat(shop.received.stream().map(WebhookReceiver.Received::id).distinct()).hasSize(1);
		JsonNode delivery = api.get("/api/webhooks/" + endpoint.get("id").asLong() + "/deliveries", seller).json().get(0);
		assertThat(delivery.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(delivery.get("attempts").asInt()).isEqualTo(4);
		assertThat(delivery.get("lastStatus").asInt()).isEqualTo(200);

		Response redelivered = api.post("/api/webhooks/" + endpoint.get("id").asLong() + "/deliveries/"
				+ delivery.get("id").asString() + "/redeliver", seller, null);
		assertThat(redelivered.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(5)).until(() -> shop.received.size() == 5);
		assertThat(shop.received.getLast().id()).as("redelivered with its id").isEqualTo(delivery.get("id").asString());
	}

	@Test
	void everyAttemptFailingEndsFailedAndAGoneEndpointIsDisabled() {
		JsonNode failing = register(seller, List.of("stream.live"));
		shop.answer(500, 500, 500, 500, 500, 500);
		api.liveStream(seller, "Never answered");
		String log = "/api/webhooks/" + failing.get("id").asLong() + "/deliveries";
		await().atMost(Duration.ofSeconds(10)).until(() -> api.get(log, seller).json().get(0).get("status").asString().equals("FAILED"));
		assertThat(shop.received).as("the five attempts of the schedule").hasSize(5);
		Response again = api.post("/api/webhooks/" + failing.get("id").asLong() + "/redeliver-failed", seller, null);
		assertThat(again.json().get("deliveries").asInt()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> shop.received.size() == 6);

		api.delete("/api/webhooks/" + failing.get("id").asLong(), seller);
		JsonNode gone = register(seller, List.of("stream.live"));
		shop.answer(410);
		api.liveStream(seller, "Gone");
		await().atMost(Duration.ofSeconds(10)).until(() -> !api.get("/api/webhooks", seller).json().get(0).get("enabled").asBoolean());
		assertThat(api.get("/api/webhooks", seller).json().get(0).get("disabledReason").asString()).contains("410");
		assertThat(api.post("/api/webhooks/" + gone.get("id").asLong() + "/test", seller, null).status()).isEqualTo(409);
	}

	@Test
	void aRehearsalTellsNoShopAndTheTestButtonSendsATestEvent() throws Exception {
		JsonNode endpoint = register(seller, ALL);
		api.startedStream(seller, "Practice", "REHEARSAL");
		Response test = api.post("/api/webhooks/" + endpoint.get("id").asLong() + "/test", seller, null);
		assertThat(test.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(5)).until(() -> !shop.of("webhook.test").isEmpty());
		Thread.sleep(500);
		assertThat(shop.received).as("the test event only, nothing of the rehearsal").hasSize(1);
	}

	@Test
	void onlyTheOwnerOrAnAdminManagesAnEndpointAndBadInputOrAPrivateTargetChangesNothing() {
		JsonNode endpoint = register(seller, List.of("stream.live"));
		String path = "/api/webhooks/" + endpoint.get("id").asLong();
		String otherSeller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		String viewer = api.token(Unique.user("viewer"), "VIEWER", null);
		String admin = api.token("admin", "ADMIN", null);
		assertThat(api.get("/api/webhooks", otherSeller).json()).isEmpty();
		assertThat(api.post(path + "/rotate", otherSeller, null).status()).isEqualTo(404);
		assertThat(api.get("/api/webhooks", viewer).status()).isEqualTo(403);
		assertThat(api.get("/api/webhooks", null).status()).isEqualTo(401);
		Response rotated = api.post(path + "/rotate", admin, null);
		assertThat(rotated.status()).isEqualTo(200);
		assertThat(rotated.json().get("secret").asString()).startsWith("whsec_").isNotEqualTo(endpoint.get("secret").asString());

		for (String body : List.of("{\"url\":\"https://169.254.169.254/latest\",\"events\":[\"stream.live\"]}",
				"{\"url\":\"http://shop.example.com/hook\",\"events\":[\"stream.live\"]}",
				"{\"url\":\"" + shop.url() + "\",\"events\":[\"stream.exploded\"]}",
				"{\"url\":\"" + shop.url() + "\",\"events\":[]}", "{\"events\":[\"stream.live\"]}", "not json")) {
			Response refused = api.post("/api/webhooks", seller, body);
			assertThat(refused.status()).as(body).isIn(400, 422);
			assertThat(refused.isProblem()).isTrue();
		}
		assertThat(api.patch(path, seller, "{\"url\":\"https://10.0.0.1/hook\"}").status()).isEqualTo(422);
		assertThat(api.get("/api/webhooks", seller).json()).hasSize(1);
		assertThat(api.get("/api/webhooks", seller).json().get(0).get("url").asString()).isEqualTo(shop.url());
	}
}
