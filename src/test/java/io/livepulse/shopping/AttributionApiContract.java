package io.livepulse.shopping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.FastFigures;
import io.livepulse.support.SseClient;
import io.livepulse.support.TestGroups;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

/**
 * The pinned card reaching viewers, the counted click-through with its attribution parameters, and
 * per-product figures from real clicks, impressions and purchases; run on H2 and PostgreSQL.
 */
@FastFigures
@ExtendWith(OutputCaptureExtension.class)
abstract class AttributionApiContract {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;
	Shop shop;
	String seller;
	String commerce;

	@BeforeEach
	void signIn() {
		api = new ApiClient(port);
		shop = new Shop(api);
		seller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		commerce = api.token("shop", "COMMERCE", null);
	}

	JsonNode figuresOf(long stream, long product) {
		JsonNode stats = api.get("/api/streams/" + stream + "/products/stats", seller).json();
		for (JsonNode row : stats.get("products")) {
			if (row.get("productId").asLong() == product) {
				return row;
			}
		}
		throw new AssertionError("no figures for product " + product + " in " + stats);
	}

	@Test
	void aPinReachesSubscribersWithinASecondAndLateSubscribersGetTheCurrentPin() throws Exception {
		long stream = api.liveStream(seller, "Pin push");
		long product = shop.create(seller, "Glow lamp", "https://shop.example.com/lamp");
		shop.showcase(seller, stream, product);
		try (SseClient events = SseClient.open(api.baseUrl() + "/api/streams/" + stream + "/events")) {
			events.awaitEvent("engagement", 3_000);
			shop.pin(seller, stream, product);
			long pinnedAt = System.nanoTime(); // the pin acknowledged: in effect from now on (SPEC 13: within a second)
			SseClient.Event card = events.awaitEvent("product", 3_000, event -> event.data().contains("Glow lamp"));
			assertThat((card.receivedNanos() - pinnedAt) / 1_000_000).isLessThanOrEqualTo(1_000);
			assertThat(card.data()).contains("\"buyUrl\":\"/go/" + stream + "/" + product + "\"")
				.contains("\"priceMinor\":4999").doesNotContain("shop.example.com/lamp");

			// a late subscriber gets the current pin first, without waiting for its repeat
			try (SseClient late = SseClient.open(api.baseUrl() + "/api/streams/" + stream + "/events")) {
				assertThat(late.awaitEvent("product", 2_000).data()).contains("Glow lamp");
			}

			api.exchange("DELETE", "/api/streams/" + stream + "/pin", seller, null, null, Map.of());
			assertThat(events.awaitEvent("product", 2_000, event -> !event.data().contains("Glow lamp")).data())
				.doesNotContain("\"pinned\":{");
		}
	}

	@Test
	void aBurstOfOrdersOnOneStreamLargerThanTheConnectionPoolIsAllRecordedAndCounted() throws Exception {
		long stream = api.liveStream(seller, "Order burst");
		long product = shop.create(seller, "Mug", "https://shop.example.com/mug");
		shop.showcase(seller, stream, product);
		int orders = 60;
		ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < orders; i++) {
				String order = "burst-" + stream + "-" + i;
				answers.add(pool.submit(() -> api.post("/api/streams/" + stream + "/purchases", commerce, """
						{"orderId":"%s","amountMinor":4999,"currency":"EUR","buyerId":"b","productId":%d}""".formatted(order, product))
					.status()));
			}
			for (Future<Integer> answer : answers) {
				assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(201);
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(figuresOf(stream, product).get("orders").asInt()).as("each order counted once it is stored").isEqualTo(orders);
	}

	@Test
	void buyRedirectsToTheProductPageWithAttributionParameters() {
		long stream = api.liveStream(seller, "Redirect");
		long product = shop.create(seller, "Sneaker", "https://shop.example.com/p/sneaker?size=42#reviews");
		shop.showcase(seller, stream, product);

		Response redirect = shop.go(stream, product, Map.of());

		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Location")).isEqualTo("https://shop.example.com/p/sneaker?size=42&lp_stream=" + stream
				+ "&lp_product=" + product + "&utm_source=livepulse&utm_medium=live&utm_campaign=" + stream + "#reviews");
	}

	@Test
	void aLinkWithANonAsciiPathOrHostIsStoredAsAsciiAndBuyRedirectsToItsEncodedForm() {
		long stream = api.liveStream(seller, "Umlauts");
		Response created = api.post("/api/products", seller, Shop.product("Schuhe", "https://shop.example.com/p/schühe größe"));
		assertThat(created.status()).isEqualTo(201);
		long product = created.json().get("id").asLong();
		long book = shop.create(seller, "Buch", "https://bücher.example/buch/straße?band=ä");
		shop.showcase(seller, stream, product, book);

		assertThat(created.json().get("productUrl").asString())
			.isEqualTo("https://shop.example.com/p/sch%C3%BChe%20gr%C3%B6%C3%9Fe");
		assertThat(jdbc.sql("select product_url from shop_products where id = :id").param("id", book).query(String.class)
			.single()).isEqualTo("https://xn--bcher-kva.example/buch/stra%C3%9Fe?band=%C3%A4");
		Response redirect = shop.go(stream, product, Map.of());
		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Location")).isEqualTo("https://shop.example.com/p/sch%C3%BChe%20gr%C3%B6%C3%9Fe"
				+ "?lp_stream=" + stream + "&lp_product=" + product + "&utm_source=livepulse&utm_medium=live&utm_campaign="
				+ stream);
		Response idn = shop.go(stream, book, Map.of());
		assertThat(idn.status()).isEqualTo(302);
		assertThat(idn.header("Location"))
			.startsWith("https://xn--bcher-kva.example/buch/stra%C3%9Fe?band=%C3%A4&lp_stream=" + stream + "&");
	}

	@Test
	void aStoredLinkThatMakesNoRedirectGetsTheNotFoundPageAndOneLogLineNotOnePerRequest(CapturedOutput output) {
		long stream = api.liveStream(seller, "Stored links");
		long legacy = shop.create(seller, "Legacy", "https://shop.example.com/legacy");
		long broken = shop.create(seller, "Broken", "https://shop.example.com/broken");
		shop.showcase(seller, stream, legacy, broken);
		// rows stored before links were normalised, or edited in the database
		String update = "update shop_products set product_url = :url where id = :id";
		jdbc.sql(update).param("url", "https://shop.example.com/p/schühe").param("id", legacy).update();
		jdbc.sql(update).param("url", "https://shop.example.com/p\u0007").param("id", broken).update();

		Response legacyBuy = shop.go(stream, legacy, Map.of());
		assertThat(legacyBuy.status()).isEqualTo(302);
		assertThat(legacyBuy.header("Location")).startsWith("https://shop.example.com/p/sch%C3%BChe?lp_stream=");
		for (int i = 0; i < 5; i++) {
			Response refused = shop.go(stream, broken, Map.of());
			assertThat(refused.status()).isEqualTo(404);
			assertThat(refused.header("Location")).isNull();
			assertThat(refused.contentType()).startsWith("text/html");
			assertThat(refused.body()).contains("shop link is not a valid address");
		}

		assertThat(output.getAll().lines().filter(line -> line.contains("Buy on product " + broken + " ")))
			.singleElement().asString().contains("WARN");
		assertThat(output.getAll()).doesNotContain("Unexpected error");
	}

	@Test
	void anArchivedOrUnshownProductOrAnUnknownStreamGetsTheNotFoundPageAndNoRedirect() {
		long stream = api.liveStream(seller, "No redirect");
		long shown = shop.create(seller, "Shown", "https://shop.example.com/shown");
		long unshown = shop.create(seller, "Unshown", "https://shop.example.com/unshown");
		long onSale = shop.create(seller, "On sale", "https://shop.example.com/on-sale");
		shop.showcase(seller, stream, shown);
		shop.showcase(seller, stream, onSale);
		api.exchange("DELETE", "/api/products/" + shown, seller, null, null, Map.of());

		// ids are decimal digits: "+<id>" names no product on sale, even where "<id>" does
		for (Response refused : new Response[] { shop.go(stream, shown, Map.of()), shop.go(stream, unshown, Map.of()),
				shop.go(987_654_321L, shown, Map.of()), api.get("/go/" + stream + "/not-a-number", null),
				api.get("/go/" + stream + "/+" + onSale, null), api.get("/go/+" + stream + "/" + onSale, null) }) {
			assertThat(refused.status()).isEqualTo(404);
			assertThat(refused.header("Location")).isNull();
			assertThat(refused.contentType()).startsWith("text/html");
			assertThat(refused.body()).contains("not on sale");
			assertThat(refused.header("Content-Security-Policy")).as("a page like the others").contains("script-src 'self'");
		}
	}

	@Test
	void aClickFloodFromOneViewerCountsOnceAndOnlyCountedViewersCount() throws Exception {
		long stream = api.liveStream(seller, "Clicks");
		long product = shop.create(seller, "Cap", "https://shop.example.com/cap");
		shop.showcase(seller, stream, product);
		Map<String, String> flooder = shop.countedViewer(stream);
		Map<String, String> another = shop.countedViewer(stream);

		// 40 requests at once from one viewer: every one is redirected, one is counted
		try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				answers.add(pool.submit(() -> shop.go(stream, product, flooder).status()));
			}
			for (var answer : answers) {
				assertThat(answer.get()).isEqualTo(302);
			}
		}
		shop.go(stream, product, another);
		shop.go(stream, product, Map.of());
		shop.go(stream, product, Map.of("Cookie", "lp_device=made-up-device-id"));
		String uncounted = api.viewerCookie(stream);
		assertThat(shop.go(stream, product, Map.of("Cookie", uncounted)).status()).isEqualTo(302);

		assertThat(figuresOf(stream, product).get("clicks").asLong()).isEqualTo(2);
	}

	@Tag(TestGroups.SLOW)
	@Test
	void impressionsAreTheDistinctViewersPresentWhileTheProductIsPinned() {
		long stream = api.liveStream(seller, "Impressions");
		long pinned = shop.create(seller, "Pinned", "https://shop.example.com/pinned");
		long never = shop.create(seller, "Never pinned", "https://shop.example.com/never");
		shop.showcase(seller, stream, pinned, never);
		Map<String, String> first = shop.countedViewer(stream);
		shop.countedViewer(stream);

		shop.pin(seller, stream, pinned);
		assertThat(figuresOf(stream, pinned).get("impressions").asLong()).isEqualTo(2);
		Map<String, String> latecomer = shop.countedViewer(stream);
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(figuresOf(stream, pinned).get("impressions").asLong()).isEqualTo(3));
		api.post("/api/streams/" + stream + "/heartbeat", null, null, first);
		api.post("/api/streams/" + stream + "/heartbeat", null, null, latecomer);

		api.exchange("DELETE", "/api/streams/" + stream + "/pin", seller, null, null, Map.of());
		shop.countedViewer(stream);
		// through several sampling intervals (200 ms here): a viewer arriving after the unpin is never an impression
		await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(figuresOf(stream, pinned).get("impressions").asLong()).isEqualTo(3));
		JsonNode figures = figuresOf(stream, pinned);
		assertThat(figures.get("pinWindows")).hasSize(1);
		assertThat(figures.get("pinWindows").get(0).has("to")).isTrue();
		assertThat(figuresOf(stream, never).get("impressions").asLong()).isZero();
	}

	@Test
	void purchasesNamingAProductGiveOrdersConversionAndRevenueInsideAndOutsideItsPin() {
		long stream = api.liveStream(seller, "Orders");
		long product = shop.create(seller, "Jacket", "https://shop.example.com/jacket");
		shop.showcase(seller, stream, product);
		Map<String, String> viewer = shop.countedViewer(stream);
		shop.countedViewer(stream);
		shop.pin(seller, stream, product);
		shop.go(stream, product, viewer);

		assertThat(shop.purchase(commerce, stream, "J-1", 10_000, product, 2).status()).isEqualTo(201);
		assertThat(shop.purchase(commerce, stream, "J-1", 10_000, product, 2).status()).isEqualTo(200);
		api.exchange("DELETE", "/api/streams/" + stream + "/pin", seller, null, null, Map.of());
		assertThat(shop.purchase(commerce, stream, "J-2", 2_500, product, null).status()).isEqualTo(201);
		assertThat(shop.purchase(commerce, stream, "J-3", 700, null, null).status()).isEqualTo(201);

		JsonNode figures = figuresOf(stream, product);
		assertThat(figures.get("impressions").asLong()).isEqualTo(2);
		assertThat(figures.get("clicks").asLong()).isEqualTo(1);
		assertThat(figures.get("clickThroughRate").asDouble()).isEqualTo(0.5);
		assertThat(figures.get("orders").asInt()).isEqualTo(2);
		assertThat(figures.get("units").asLong()).isEqualTo(3);
		assertThat(figures.get("conversionRate").asDouble()).isEqualTo(2.0);
		assertThat(figures.get("revenueMinor").asLong()).isEqualTo(12_500);
		assertThat(figures.get("revenueInPinMinor").asLong()).isEqualTo(10_000);
		assertThat(figures.get("revenueOutsidePinMinor").asLong()).isEqualTo(2_500);
		assertThat(api.get("/api/streams/" + stream + "/stats", seller).json().get("revenueMinor").asLong())
			.isEqualTo(13_200);
	}

	/**
	 * A shop that retries an order after the stream ended (its first answer was lost) hears it was recorded, as it
	 * would while the stream was live; a new order on the ended stream is refused and changes nothing.
	 */
	@Test
	void anOrderRetriedAfterTheStreamEndedIsARepeatAndANewOneIsRefused() {
		long stream = api.liveStream(seller, "Orders retried after the end");
		long product = shop.create(seller, "Scarf", "https://shop.example.com/scarf");
		shop.showcase(seller, stream, product);
		assertThat(shop.purchase(commerce, stream, "E-1", 4_000, product, 1).status()).isEqualTo(201);
		assertThat(api.post("/api/streams/" + stream + "/end", seller, "{\"save\":false}").status()).isEqualTo(200);

		assertThat(shop.purchase(commerce, stream, "E-1", 4_000, product, 1).status()).as("the same order again").isEqualTo(200);
		assertThat(shop.purchase(commerce, stream, "E-1", 9_000, product, 1).status()).as("the same id, another amount")
			.isEqualTo(409);
		Response late = shop.purchase(commerce, stream, "E-2", 4_000, product, 1);
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.json().get("detail").asString()).contains("live streams only");
		JsonNode stats = api.get("/api/streams/" + stream + "/stats", seller).json();
		assertThat(stats.get("revenueMinor").asLong()).isEqualTo(4_000);
		assertThat(stats.get("orders").asInt()).isEqualTo(1);
	}

	@Test
	void aPurchaseNamingAnotherSellersOrUnknownProductIsRefusedAndChangesNothing() {
		long stream = api.liveStream(seller, "Strict orders");
		String otherSeller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		long foreign = shop.create(otherSeller, "Foreign", "https://lumen.example.com/f");
		long own = shop.create(seller, "Own", "https://shop.example.com/own");
		shop.purchase(commerce, stream, "S-1", 100, own, 1);

		Response foreignProduct = shop.purchase(commerce, stream, "S-2", 100, foreign, 1);
		Response unknown = shop.purchase(commerce, stream, "S-3", 100, 987_654_321L, 1);
		Response otherProductSameOrder = shop.purchase(commerce, stream, "S-1", 100, null, null);
		Response zeroQuantity = shop.purchase(commerce, stream, "S-4", 100, own, 0);

		assertThat(foreignProduct.status()).isEqualTo(422);
		assertThat(foreignProduct.isProblem()).isTrue();
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(otherProductSameOrder.status()).isEqualTo(409);
		assertThat(zeroQuantity.status()).isEqualTo(400);
		assertThat(api.get("/api/streams/" + stream + "/stats", seller).json().get("orders").asInt()).isEqualTo(1);
		assertThat(figuresOf(stream, own).get("orders").asInt()).isEqualTo(1);
	}

	/** SPEC 13: orders come from the seller's own shop; a shop token naming a vendor cannot add to another's revenue. */
	@Test
	void aShopOfOneSellerCannotReportOrdersOnAnotherSellersStreams() {
		long vendor = Unique.vendorId();
		String ownSeller = api.token(Unique.user("seller"), "SELLER", vendor);
		String ownShop = api.token(Unique.user("shop"), "COMMERCE", vendor);
		long own = api.liveStream(ownSeller, "The shop's own seller");
		long foreign = api.liveStream(seller, "Another seller's show");
		long foreignRehearsal = api.startedStream(seller, "Another seller's rehearsal", "REHEARSAL");

		Response onForeign = shop.purchase(ownShop, foreign, "V-1", 1_000, null, null);
		Response onForeignRehearsal = shop.purchase(ownShop, foreignRehearsal, "V-2", 1_000, null, null);

		assertThat(onForeign.status()).isEqualTo(403);
		assertThat(onForeign.isProblem()).isTrue();
		assertThat(onForeignRehearsal.status()).as("a rehearsal stays hidden").isEqualTo(404);
		assertThat(api.get("/api/streams/" + foreign + "/stats", seller).json().get("orders").asInt()).isZero();
		assertThat(shop.purchase(ownShop, own, "V-3", 1_000, null, null).status()).isEqualTo(201);
		assertThat(shop.purchase(commerce, foreign, "V-4", 1_000, null, null).status()).as("the platform's shop")
			.isEqualTo(201);
	}

	/** Ended on another node, not yet in this node's cache: the pin's own check under the stream's lock refuses it. */
	@Test
	void aPinOnAStreamThatEndedElsewhereIsRefusedAndOpensNoWindow() {
		long stream = api.liveStream(seller, "Ended on the other node");
		long product = shop.create(seller, "Late pin", "https://shop.example.com/late");
		shop.showcase(seller, stream, product);
		jdbc.sql("update live_streams set status = 'ENDED', ended_at = current_timestamp where id = :id").param("id", stream)
			.update();
		try {
			Response pin = api.post("/api/streams/" + stream + "/pin", seller, "{\"productId\":" + product + "}");

			assertThat(pin.status()).isEqualTo(409);
			assertThat(jdbc.sql("select count(*) from shop_pins where stream_id = :id").param("id", stream)
				.query(Long.class).single()).isZero();
		}
		finally {
			api.post("/api/streams/" + stream + "/end", seller, null); // finishes the end for this node too
		}
	}

	/** A flood of huge orders must not overflow the stream's 64-bit revenue (which would fail every later order). */
	@Test
	void anOrderThatWouldOverflowTheStreamsRevenueIsRefusedAndChangesNothing() {
		long stream = api.liveStream(seller, "Nearly full till");
		assertThat(shop.purchase(commerce, stream, "F-1", 1_000, null, null).status()).isEqualTo(201);
		long nearlyFull = Long.MAX_VALUE - 500;
		jdbc.sql("update stream_counters set revenue_minor = :full where stream_id = :id").param("full", nearlyFull)
			.param("id", stream).update();

		try {
			Response overflowing = shop.purchase(commerce, stream, "F-2", 1_000, null, null);

			assertThat(overflowing.status()).isEqualTo(422);
			assertThat(overflowing.isProblem()).isTrue();
			assertThat(jdbc.sql("select revenue_minor from stream_counters where stream_id = :id").param("id", stream)
				.query(Long.class).single()).isEqualTo(nearlyFull);
			assertThat(jdbc.sql("select count(*) from stream_interactions where stream_id = :id and interaction_type = 'PURCHASE'")
				.param("id", stream).query(Long.class).single()).isEqualTo(1);
			assertThat(shop.purchase(commerce, stream, "F-3", 400, null, null).status()).as("one that fits").isEqualTo(201);
		}
		finally {
			// the row agrees with the log again, for the tests of this context that reconcile every stream
			jdbc.sql("""
					update stream_counters set revenue_minor = (select coalesce(sum(amount_minor), 0) from stream_interactions
					 where stream_id = :id and interaction_type = 'PURCHASE' and is_simulated = false) where stream_id = :id
					""").param("id", stream).update();
		}
	}

	/** The order id is the shop's: reported to a second stream (a retry under a newer link), it is not counted twice. */
	@Test
	void anOrderReportedToTwoStreamsIsCountedOnTheFirstOnly() {
		long first = api.liveStream(seller, "First show of the order");
		long second = api.liveStream(seller, "Second show of the order");
		long product = shop.create(seller, "Boots", "https://shop.example.com/boots");
		String orderId = "O-" + Unique.user("order");

		assertThat(shop.purchase(commerce, first, orderId, 8_000, product, 1).status()).isEqualTo(201);
		Response again = shop.purchase(commerce, second, orderId, 8_000, product, 1);

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("detail").asString()).contains("another stream");
		assertThat(api.get("/api/streams/" + first + "/stats", seller).json().get("orders").asInt()).isEqualTo(1);
		assertThat(api.get("/api/streams/" + second + "/stats", seller).json().get("orders").asInt()).isZero();
		assertThat(shop.purchase(commerce, first, orderId, 8_000, product, 1).status()).as("a retry to its own stream")
			.isEqualTo(200);
	}

	/** Else the product's revenue would add amounts in two currencies, and the first order would fix the stream's. */
	@Test
	void aPurchaseOfAProductInAnotherCurrencyThanItsPriceIsRefusedAndFixesNoCurrency() {
		long stream = api.liveStream(seller, "Orders in the product's currency");
		long euroProduct = shop.create(seller, "Euro scarf", "https://shop.example.com/euro-scarf");

		Response inDollars = api.post("/api/streams/" + stream + "/purchases", commerce,
				"{\"orderId\":\"C-1\",\"amountMinor\":4999,\"currency\":\"USD\",\"buyerId\":\"b\",\"productId\":%d}"
					.formatted(euroProduct));

		assertThat(inDollars.status()).isEqualTo(422);
		assertThat(inDollars.json().get("detail").asString()).contains("priced in EUR");
		assertThat(shop.purchase(commerce, stream, "C-2", 4_999, euroProduct, 1).status()).as("then in euros")
			.isEqualTo(201);
		JsonNode stats = api.get("/api/streams/" + stream + "/stats", seller).json();
		assertThat(stats.get("orders").asInt()).isEqualTo(1);
		assertThat(stats.get("currency").asString()).isEqualTo("EUR");
	}

	@Test
	void onARehearsalClicksAndOrdersArePracticeAndNeverCountedAsReal() throws Exception {
		// a simulated audience that fills up within a tick (settings are snapshotted when a stream is created)
		String admin = api.token("admin", "ADMIN", null);
		String settings = api.get("/api/admin/settings", admin).body();
		assertThat(api.put("/api/admin/settings", admin, settings.replaceFirst("\"viewerIncreasePerMinute\":\\d+",
				"\"viewerIncreasePerMinute\":6000")).status()).isEqualTo(200);
		long stream;
		try {
			stream = api.startedStream(seller, "Practice", "REHEARSAL");
		}
		finally {
			api.put("/api/admin/settings", admin, settings);
		}
		long product = shop.create(seller, "Practice mug", "https://shop.example.com/mug");
		shop.showcase(seller, stream, product);
		shop.pin(seller, stream, product);
		Map<String, String> ownerCookie = Map.of("Cookie", "lp_token=" + seller);
		api.post("/api/streams/" + stream + "/heartbeat", seller, null);
		assertThat(shop.go(stream, product, ownerCookie).status()).isEqualTo(302);
		JsonNode bought = shop.purchase(commerce, stream, "R-1", 900, product, 1).json();
		assertThat(bought.get("revenueMinor").asLong()).as("a rehearsal's real revenue stays 0").isZero();
		assertThat(bought.get("practice").get("revenueMinor").asLong()).isEqualTo(900);
		JsonNode stats = api.get("/api/streams/" + stream + "/stats", seller).json();
		assertThat(stats.get("revenueMinor").asLong()).isZero();
		assertThat(stats.get("orders").asInt()).isZero();
		assertThat(stats.get("practiceSales").get("revenueMinor").asLong()).isEqualTo(900);
		assertThat(stats.get("practiceSales").get("orders").asInt()).isEqualTo(1);

		JsonNode figures = figuresOf(stream, product);
		assertThat(api.get("/api/streams/" + stream + "/products/stats", seller).json().get("rehearsal").asBoolean()).isTrue();
		assertThat(figures.get("clicks").asLong()).isZero();
		assertThat(figures.get("orders").asInt()).isZero();
		assertThat(figures.get("revenueMinor").asLong()).isZero();
		assertThat(figures.get("impressions").asLong()).isZero();
		assertThat(figures.get("practice").get("clicks").asLong()).isEqualTo(1);
		assertThat(figures.get("practice").get("orders").asInt()).isEqualTo(1);
		// the simulator's audience (at least its minimum of 15 by now) never becomes an impression
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(api.get("/api/streams/" + stream
				+ "/engagement", seller).json().get("simulated").get("viewers").asInt()).isPositive());
		Thread.sleep(500);
		assertThat(figuresOf(stream, product).get("practice").get("impressions").asLong())
			.as("the owner, the only real viewer").isEqualTo(1);
		// a rehearsal's showcase and Buy link are its owner's only, like the rest of it
		assertThat(api.get("/api/streams/" + stream + "/showcase", null).status()).isEqualTo(404);
		assertThat(shop.go(stream, product, Map.of()).status()).isEqualTo(404);
	}

	@Test
	void perProductFiguresAreTheOwnersAndAdminsOnly() {
		long stream = api.liveStream(seller, "Private figures");
		String otherSeller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		String admin = api.token("admin", "ADMIN", null);

		assertThat(api.get("/api/streams/" + stream + "/products/stats", null).status()).isEqualTo(401);
		assertThat(api.get("/api/streams/" + stream + "/products/stats", otherSeller).status()).isEqualTo(403);
		assertThat(api.get("/api/streams/" + stream + "/products/stats", commerce).status()).isEqualTo(403);
		assertThat(api.get("/api/streams/" + stream + "/products/stats", admin).status()).isEqualTo(200);
	}
}
