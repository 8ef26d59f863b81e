package io.livepulse.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.stream.FinalMetrics;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamMode;
import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.ShiftableClock;
import io.livepulse.support.SseClient;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

/**
 * Auctions through the API, on H2 and PostgreSQL: bids at least a step above the price, proxy bidding, the clock
 * set back by a last-second bid, bids taken one at a time and in order under concurrency, one winner who pays
 * through the purchases API, who may do what, and bad input that changes nothing.
 */
abstract class AuctionContract {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	AuctionClosing closing;

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

	/** A viewer with a display name: {token, userId}. */
	String[] bidder(String name) {
		String user = Unique.user("bidder");
		String token = api.post("/api/dev/token", null, "{\"user\":\"%s\",\"role\":\"VIEWER\",\"name\":\"%s\"}".formatted(user, name))
			.json().get("token").asString();
		return new String[] { token, user };
	}

	/** A stream of the mode whose showcase holds one product: {stream, product}. */
	long[] streamWithProduct(String mode) {
		long stream = mode.equals("LIVE") ? api.liveStream(seller, "Auction") : api.startedStream(seller, "Auction practice", mode);
		long productId = api.post("/api/products", seller, """
				{"title":"Signed ball","priceMinor":4999,"currency":"EUR","imageUrl":"https://shop.example.com/b.jpg",
				 "productUrl":"https://shop.example.com/b"}""").json().get("id").asLong();
		api.put("/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + productId + "]}");
		return new long[] { stream, productId };
	}

	Response start(long stream, long product, int seconds, boolean suddenDeath) {
		return api.post("/api/streams/" + stream + "/auctions", seller, """
				{"productId":%d,"startingPriceMinor":1000,"durationSeconds":%d,"suddenDeath":%s}"""
			.formatted(product, seconds, suddenDeath));
	}

	Response bid(long auction, String token, long amount) {
		return api.post("/api/auctions/" + auction + "/bids", token, "{\"amountMinor\":" + amount + "}");
	}

	Response bidUpTo(long auction, String token, long max) {
		return api.post("/api/auctions/" + auction + "/bids", token, "{\"maxAmountMinor\":" + max + "}");
	}

	JsonNode view(long auction, String token) {
		return api.get("/api/auctions/" + auction, token).json();
	}

	void clockTo(Instant instant) {
		((ShiftableClock) clock).advance(Duration.between(clock.instant(), instant));
	}

	@Test
	void eachBidMustBeatThePriceByAStepAndEveryViewerIsToldTheLeader() throws Exception {
		long[] setup = streamWithProduct("LIVE");
		try (SseClient events = SseClient.open(api.baseUrl() + "/api/streams/" + setup[0] + "/events")) {
			Response started = start(setup[0], setup[1], 120, false);
			assertThat(started.status()).isEqualTo(201);
			long id = started.json().get("id").asLong();
			assertThat(started.json().get("status").asString()).isEqualTo("RUNNING");
			assertThat(started.json().get("minimumBidMinor").asLong()).as("the first bid may offer the start").isEqualTo(1000);
			assertThat(events.awaitEvent("auction", 2_000)).isNotNull();

			String[] ann = bidder("Ann");
			String[] bob = bidder("Bob");
			Response first = bid(id, ann[0], 1000);
			assertThat(first.status()).isEqualTo(201);
			assertThat(first.json().get("leading").asBoolean()).isTrue();
			assertThat(first.json().get("bidderNumber").asInt()).isEqualTo(1);
			Response tooLow = bid(id, bob[0], 1050);
			assertThat(tooLow.status()).isEqualTo(409);
			assertThat(tooLow.isProblem()).isTrue();
			assertThat(tooLow.json().get("reason").asString()).isEqualTo("TOO_LOW");
			assertThat(tooLow.json().get("minimumBidMinor").asLong()).as("1.00 above 10.00").isEqualTo(1100);
			assertThat(bid(id, ann[0], 1500).json().get("reason").asString()).as("no bidding against oneself").isEqualTo("LEADING");
			Response second = bid(id, bob[0], 3000);
			assertThat(second.status()).isEqualTo(201);
			assertThat(second.json().get("currentPriceMinor").asLong()).isEqualTo(3000);
			assertThat(events.awaitEvent("auction", 2_000, event -> event.data().contains("\"currentPriceMinor\":3000")
					&& event.data().contains("\"displayName\":\"Bob\""))).isNotNull();

			JsonNode annSees = view(id, ann[0]);
			assertThat(annSees.get("you").get("leading").asBoolean()).isFalse();
			assertThat(annSees.get("minimumBidMinor").asLong()).as("2.00 from 30.00").isEqualTo(3200);
			assertThat(annSees.get("leader").get("number").asInt()).isEqualTo(2);
			assertThat(annSees.get("leader").has("userId")).as("no user id in public").isFalse();
			assertThat(view(id, null).has("you")).as("a viewer who did not bid").isFalse();
			assertThat(view(id, null).get("bids").asInt()).isEqualTo(2);
		}
	}

	@Test
	void aMaximumBidsForTheViewerBySmallestStepsUpToIt() {
		long[] setup = streamWithProduct("LIVE");
		long id = start(setup[0], setup[1], 120, false).json().get("id").asLong();
		String[] ann = bidder("Ann");
		String[] bob = bidder("Bob");
		Response proxy = bidUpTo(id, ann[0], 5000);
		assertThat(proxy.status()).isEqualTo(201);
		assertThat(proxy.json().get("currentPriceMinor").asLong()).as("the least that leads").isEqualTo(1000);
		assertThat(proxy.json().get("yourMaxMinor").asLong()).isEqualTo(5000);

		Response outbid = bid(id, bob[0], 2000);
		assertThat(outbid.status()).isEqualTo(201);
		assertThat(outbid.json().get("leading").asBoolean()).as("Ann's maximum answers at once").isFalse();
		assertThat(outbid.json().get("currentPriceMinor").asLong()).as("Bob's bid plus one step").isEqualTo(2100);
		assertThat(bid(id, bob[0], 4000).json().get("currentPriceMinor").asLong()).isEqualTo(4200);
		assertThat(view(id, ann[0]).get("you").get("leading").asBoolean()).isTrue();

		Response over = bidUpTo(id, bob[0], 6000);
		assertThat(over.json().get("leading").asBoolean()).isTrue();
		assertThat(over.json().get("currentPriceMinor").asLong()).as("Ann's maximum plus one step").isEqualTo(5200);
		assertThat(bidUpTo(id, bob[0], 5500).json().get("reason").asString()).as("a lower maximum").isEqualTo("LEADING");
		Response raised = bidUpTo(id, bob[0], 9000);
		assertThat(raised.json().get("currentPriceMinor").asLong()).as("raising one's own maximum keeps the price").isEqualTo(5200);
		assertThat(view(id, null).get("currentPriceMinor").asLong()).isEqualTo(5200);
		Response equal = bidUpTo(id, ann[0], 9000);
		assertThat(equal.json().get("leading").asBoolean()).as("of equal maxima the earlier leads").isFalse();
		assertThat(equal.json().get("currentPriceMinor").asLong()).isEqualTo(9000);
	}

	@Test
	void aBidInTheLastTenSecondsSetsTheClockBackToTenUnlessSuddenDeath() {
		long[] setup = streamWithProduct("LIVE");
		// the longest auction, so that a loaded machine's real time cannot reach its last 10 s before the test does
		JsonNode auction = start(setup[0], setup[1], 120, false).json();
		long id = auction.get("id").asLong();
		Instant endsAt = Instant.parse(auction.get("endsAt").asString());
		String[] ann = bidder("Ann");
		String bob = bidder("Bob")[0];
		assertThat(bid(id, ann[0], 1000).json().get("extended").asBoolean()).as("over 100 s left").isFalse();
		clockTo(endsAt.minusSeconds(5));
		Instant before = clock.instant();
		Response late = bid(id, bob, 1100);
		assertThat(late.json().get("extended").asBoolean()).isTrue();
		assertThat(Instant.parse(late.json().get("endsAt").asString()))
			.isBetween(before.plusSeconds(10), clock.instant().plusSeconds(10));
		assertThat(view(id, null).get("extensions").asInt()).isEqualTo(1);
		clockTo(endsAt.plusMillis(500));
		assertThat(bid(id, ann[0], 1200).status()).as("the clock was set back: still running").isEqualTo(201);

		((ShiftableClock) clock).reset();
		long[] other = streamWithProduct("LIVE");
		JsonNode suddenDeath = start(other[0], other[1], 30, true).json();
		long sd = suddenDeath.get("id").asLong();
		Instant sdEnds = Instant.parse(suddenDeath.get("endsAt").asString());
		clockTo(sdEnds.minusSeconds(5));
		Response lastSecond = bid(sd, ann[0], 1000);
		assertThat(lastSecond.json().get("extended").asBoolean()).isFalse();
		assertThat(Instant.parse(lastSecond.json().get("endsAt").asString())).isEqualTo(sdEnds);
		clockTo(sdEnds);
		Response tooLate = bid(sd, bidder("Bob")[0], 1100);
		assertThat(tooLate.status()).isEqualTo(409);
		assertThat(tooLate.json().get("reason").asString()).isEqualTo("ENDED");
	}

	/** Else the leader could keep the auction open for ever, raising their own hidden maximum every 9 s. */
	@Test
	void theLeaderRaisingTheirOwnMaximumInTheLastSecondsDoesNotSetTheClockBack() {
		long[] setup = streamWithProduct("LIVE");
		JsonNode auction = start(setup[0], setup[1], 120, false).json();
		long id = auction.get("id").asLong();
		Instant endsAt = Instant.parse(auction.get("endsAt").asString());
		String[] ann = bidder("Ann");
		assertThat(bidUpTo(id, ann[0], 5000).status()).isEqualTo(201);
		clockTo(endsAt.minusSeconds(5));

		Response raised = bidUpTo(id, ann[0], 6000);

		assertThat(raised.status()).isEqualTo(201);
		assertThat(raised.json().get("extended").asBoolean()).isFalse();
		assertThat(Instant.parse(raised.json().get("endsAt").asString())).isEqualTo(endsAt);
		assertThat(view(id, null).get("extensions").asInt()).isZero();
		assertThat(bid(id, bidder("Bob")[0], 1100).json().get("extended").asBoolean())
			.as("a rival's bid, which moves the price, still does").isTrue();
	}

	@Test
	void theWinnerIsDecidedOnceEvenByDecidersAtOnceAndPaysThroughThePurchasesApi() throws Exception {
		long[] setup = streamWithProduct("LIVE");
		JsonNode auction = start(setup[0], setup[1], 120, false).json();
		long id = auction.get("id").asLong();
		String[] ann = bidder("Ann");
		String[] bob = bidder("Bob");
		bid(id, ann[0], 1000);
		bid(id, bob[0], 1500);
		clockTo(Instant.parse(auction.get("endsAt").asString()));
		assertThat(view(id, null).get("status").asString()).isIn("CLOSING", "SOLD");
		decideFromManyThreadsAtOnce();
		String claim = view(id, bob[0]).get("you").get("claimId").asString();
		decideFromManyThreadsAtOnce();

		JsonNode bobSees = view(id, bob[0]);
		assertThat(bobSees.get("status").asString()).isEqualTo("SOLD");
		assertThat(bobSees.get("you").get("won").asBoolean()).isTrue();
		assertThat(bobSees.get("you").get("claimId").asString()).as("decided once: the same claim").isEqualTo(claim);
		assertThat(bobSees.get("winner").get("displayName").asString()).isEqualTo("Bob");
		assertThat(bobSees.get("winner").has("userId")).as("the seller's detail").isFalse();
		assertThat(view(id, ann[0]).get("you").has("claimId")).isFalse();

		assertThat(purchase(setup[0], "AU-0", bob[1], 1400, setup[1], claim).status()).as("not the price").isEqualTo(422);
		assertThat(purchase(setup[0], "AU-0", ann[1], 1500, setup[1], claim).status()).as("not the winner").isEqualTo(422);
		assertThat(purchase(setup[0], "AU-1", bob[1], 1500, setup[1], claim).status()).isEqualTo(201);
		assertThat(purchase(setup[0], "AU-1", bob[1], 1500, setup[1], claim).status()).as("the same order again").isEqualTo(200);
		assertThat(purchase(setup[0], "AU-2", bob[1], 1500, setup[1], claim).status()).as("paid once").isEqualTo(409);
		JsonNode sellerSees = view(id, seller);
		assertThat(sellerSees.get("winner").get("userId").asString()).isEqualTo(bob[1]);
		assertThat(sellerSees.get("winner").get("orderId").asString()).isEqualTo("AU-1");
		assertThat(sellerSees.get("winner").get("priceMinor").asLong()).isEqualTo(1500);

		long unsold = start(setup[0], setup[1], 10, false).json().get("id").asLong();
		clockTo(clock.instant().plusSeconds(11));
		closing.decideDue();
		assertThat(view(unsold, null).get("status").asString()).isEqualTo("UNSOLD");
		assertThat(view(unsold, null).has("winner")).isFalse();

		JsonNode analytics = api.get("/api/streams/" + setup[0] + "/analytics", seller).json();
		JsonNode commerce = analytics.get("liveCommerce");
		assertThat(commerce.get("auctions").asInt()).isEqualTo(2);
		assertThat(commerce.get("bids").asLong()).isEqualTo(2);
		assertThat(commerce.get("sold")).hasSize(1);
		assertThat(commerce.get("sold").get(0).get("finalPriceMinor").asLong()).isEqualTo(1500);
		assertThat(commerce.get("sold").get(0).get("paid").asBoolean()).isTrue();
		assertThat(analytics.has("practiceLiveCommerce")).isFalse();
	}

	private void decideFromManyThreadsAtOnce() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> deciders = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				deciders.add(pool.submit(closing::decideDue));
			}
			for (Future<?> decider : deciders) {
				decider.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void concurrentBidsAreTakenOneAtATimeEachAgainstThePriceTheLastOneLeft() throws Exception {
		long[] setup = streamWithProduct("LIVE");
		long id = start(setup[0], setup[1], 120, false).json().get("id").asLong();
		List<String> bidders = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			bidders.add(bidder("B" + i)[0]);
		}
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<Integer>> accepted = new ArrayList<>();
			for (String token : bidders) {
				accepted.add(pool.submit(() -> {
					int taken = 0;
					for (int attempt = 0; attempt < 4; attempt++) {
						long minimum = view(id, null).get("minimumBidMinor").asLong();
						Response response = bid(id, token, minimum);
						assertThat(response.status()).as(response.body()).isIn(201, 409);
						taken += response.status() == 201 ? 1 : 0;
					}
					return taken;
				}));
			}
			int total = 0;
			for (Future<Integer> done : accepted) {
				total += done.get();
			}
			JsonNode bids = api.get("/api/auctions/" + id + "/bids", null).json();
			assertThat(bids).as("every acknowledged bid stored").hasSize(total);
			for (int i = 0; i < bids.size(); i++) {
				JsonNode bid = bids.get(i);
				assertThat(bid.get("seq").asInt()).as("in order, none lost").isEqualTo(i + 1);
				assertThat(bid.get("leaderNumber").asInt()).as("each plain bid leads").isEqualTo(bid.get("bidderNumber").asInt());
				if (i > 0) {
					long before = bids.get(i - 1).get("priceMinor").asLong();
					assertThat(bid.get("priceMinor").asLong()).as("at least a step above the one before")
						.isGreaterThanOrEqualTo(before + BidSteps.above(before));
				}
			}
			JsonNode after = view(id, null);
			assertThat(after.get("bids").asInt()).isEqualTo(total);
			assertThat(after.get("currentPriceMinor").asLong()).isEqualTo(bids.get(bids.size() - 1).get("priceMinor").asLong());
			assertThat(api.get("/api/auctions/" + id + "/bids?after=" + (total - 1), null).json()).as("paged by seq").hasSize(1);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void onlyTheSellerOrAnAdminStartsAndStopsTheSellerNeverBidsAndTheStreamsEndStopsIt() {
		long[] setup = streamWithProduct("LIVE");
		String body = "{\"productId\":%d,\"startingPriceMinor\":1000,\"durationSeconds\":60,\"suddenDeath\":false}".formatted(setup[1]);
		String url = "/api/streams/" + setup[0] + "/auctions";
		assertThat(api.post(url, bidder("V")[0], body).status()).isEqualTo(403);
		assertThat(api.post(url, otherSeller, body).status()).isEqualTo(403);
		assertThat(api.post(url, null, body).status()).isEqualTo(401);
		long id = api.post(url, admin, body).json().get("id").asLong();
		assertThat(api.post(url, seller, body).status()).as("one auction at a time").isEqualTo(409);

		assertThat(bid(id, seller, 1000).status()).as("the seller").isEqualTo(403);
		assertThat(bid(id, null, 1000).status()).isEqualTo(401);
		assertThat(api.post("/api/auctions/" + id + "/stop", bidder("V")[0], null).status()).isEqualTo(403);
		Response stopped = api.post("/api/auctions/" + id + "/stop", seller, null);
		assertThat(stopped.status()).isEqualTo(200);
		assertThat(stopped.json().get("status").asString()).isEqualTo("STOPPED");
		assertThat(bid(id, bidder("V")[0], 1000).json().get("reason").asString()).isEqualTo("ENDED");
		assertThat(api.post("/api/auctions/" + id + "/stop", seller, null).status()).isEqualTo(409);

		long running = api.post(url, seller, body).json().get("id").asLong();
		bid(running, bidder("V")[0], 1000);
		assertThat(api.post("/api/streams/" + setup[0] + "/end", seller, "{\"save\":false}").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> view(running, seller).get("status").asString().equals("STOPPED"));
		assertThat(view(running, seller).has("winner")).as("an ended stream takes no payment").isFalse();
	}

	/** An auction whose clock ran out before the stream ended was won then: the end decides it, never stops it. */
	@Test
	void theStreamsEndDecidesAnAuctionWhoseClockHadRunOutAndStopsOnlyOneStillRunning() {
		long[] setup = streamWithProduct("LIVE");
		JsonNode auction = start(setup[0], setup[1], 60, false).json();
		long id = auction.get("id").asLong();
		Instant endsAt = Instant.parse(auction.get("endsAt").asString());
		bid(id, bidder("Ann")[0], 1000);

		// the end as its listener hears it: the stream ended a second after the auction's clock ran out, and the
		// close job (which reads the clock, still before that) had not decided it yet
		closing.on(new StreamEnded(setup[0], 0, StreamMode.LIVE, endsAt.plusSeconds(1), FinalMetrics.none(70)));

		// a module listener: it runs on a thread of its own
		await().atMost(Duration.ofSeconds(5)).until(() -> !view(id, seller).get("status").asString().equals("RUNNING"));
		JsonNode decided = view(id, seller);
		assertThat(decided.get("status").asString()).isEqualTo("SOLD");
		assertThat(decided.get("winner").get("displayName").asString()).isEqualTo("Ann");
	}

	@Test
	void badInputGetsAProblemAndChangesNothing() {
		long[] setup = streamWithProduct("LIVE");
		String url = "/api/streams/" + setup[0] + "/auctions";
		List<Response> refused = List.of(
				api.post(url, seller, "{\"productId\":%d,\"startingPriceMinor\":1000,\"durationSeconds\":9}".formatted(setup[1])),
				api.post(url, seller, "{\"productId\":%d,\"startingPriceMinor\":1000,\"durationSeconds\":121}".formatted(setup[1])),
				api.post(url, seller, "{\"productId\":%d,\"startingPriceMinor\":0,\"durationSeconds\":60}".formatted(setup[1])),
				api.post(url, seller, "{\"productId\":%d,\"durationSeconds\":60}".formatted(setup[1])),
				api.post(url, seller, "{\"productId\":999999,\"startingPriceMinor\":1000,\"durationSeconds\":60}"),
				api.post(url, seller, "not json"));
		for (Response response : refused) {
			assertThat(response.status()).as(response.body()).isIn(400, 422);
			assertThat(response.isProblem()).as(response.body()).isTrue();
		}
		assertThat(api.get(url, null).json()).as("no auction started").isEmpty();

		long id = start(setup[0], setup[1], 120, false).json().get("id").asLong();
		String[] ann = bidder("Ann");
		for (String bidBody : List.of("{}", "{\"amountMinor\":0}", "{\"amountMinor\":-5}", "{\"amountMinor\":1000,\"maxAmountMinor\":2000}",
				"{\"amountMinor\":\"lots\"}", "{\"amountMinor\":10.5}", "[]")) {
			Response response = api.post("/api/auctions/" + id + "/bids", ann[0], bidBody);
			assertThat(response.status()).as(bidBody).isEqualTo(400);
			assertThat(response.isProblem()).isTrue();
		}
		assertThat(view(id, null).get("bids").asInt()).isZero();
		assertThat(api.get("/api/auctions/999999999", null).status()).isEqualTo(404);
		for (String after : List.of("-1", "lots")) {
			Response response = api.get("/api/auctions/" + id + "/bids?after=" + after, null);
			assertThat(response.status()).as(after).isEqualTo(400);
			assertThat(response.isProblem()).isTrue();
		}
	}

	@Test
	void aRehearsalsAuctionIsPracticeAndHiddenFromOutsiders() {
		long[] setup = streamWithProduct("REHEARSAL");
		Response started = start(setup[0], setup[1], 120, false);
		assertThat(started.status()).isEqualTo(201);
		long id = started.json().get("id").asLong();
		assertThat(started.json().get("practice").asBoolean()).isTrue();
		assertThat(api.get("/api/auctions/" + id, bidder("V")[0]).status()).isEqualTo(404);
		assertThat(bid(id, bidder("V")[0], 1000).status()).isEqualTo(404);
		Response practised = bid(id, admin, 1000);
		assertThat(practised.status()).isEqualTo(201);
		assertThat(practised.json().get("practice").asBoolean()).isTrue();
		JsonNode analytics = api.get("/api/streams/" + setup[0] + "/analytics", seller).json();
		assertThat(analytics.has("liveCommerce")).as("practice is never reported as real").isFalse();
		assertThat(analytics.get("practiceLiveCommerce").get("bids").asLong()).isEqualTo(1);
	}

	Response purchase(long stream, String orderId, String buyerId, long amountMinor, long productId, String claimId) {
		return api.post("/api/streams/" + stream + "/purchases", shop, """
				{"orderId":"%s","amountMinor":%d,"currency":"EUR","buyerId":"%s","productId":%d,"quantity":1,"claimId":"%s"}"""
			.formatted(orderId, amountMinor, buyerId, productId, claimId));
	}
}
