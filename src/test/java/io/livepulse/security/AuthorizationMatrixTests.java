package io.livepulse.security;

import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.ShiftableClock;
import io.livepulse.support.TestSecrets;
import io.livepulse.support.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint the service maps, times every kind of caller, with the status each must get.
 * The endpoints come from the MVC handler mapping, so an endpoint added without a row here fails
 * {@link #everyMappedEndpointHasARowInTheMatrix()}; the actuator endpoints, which live outside
 * that mapping, are extra rows.
 *
 * <p>Callers: anonymous, a viewer, the seller owning the streams (vendor 456), another seller
 * (vendor 789), an admin, the shop backend (COMMERCE), a signed token without a role, and five tokens the
 * service must refuse: expired, signed with another secret, {@code alg=none}, without {@code exp}, and
 * valid for 300 years (past the maximum lifetime). The service runs
 * with a known JWT secret so the test can mint those tokens itself. API rows
 * send the token as {@code Authorization: Bearer}; page rows send it in the {@code lp_token}
 * cookie (as the sign-in page does), where a refused token makes the visitor anonymous; event-stream
 * rows send both, as the header and as the cookie, and read only the status.
 *
 * <p>All mismatching cells are collected and reported together.
 */
@LivePulseH2Test
class AuthorizationMatrixTests {

	static final String SECRET = TestSecrets.JWT;
	private static final String FOREIGN_SECRET = "Hq3Vn8Lx1Tz6Wc9Pb4Ks7Md2Rf5Gy0JeXuAoBiNl";
	private static final long UNKNOWN_ID = 987_654_321L;
	private static final long OWNER_VENDOR = 456L;
	private static final long OTHER_VENDOR = 789L;

	/** Callers, in the order each row is run: the ones allowed to change things come last. */
	enum Who {
		ANONYMOUS, VIEWER, OTHER_SELLER, COMMERCE, NO_ROLE, EXPIRED, FOREIGN_SIGNED, ALG_NONE, NO_EXP, LIVES_TOO_LONG,
		ADMIN, OWNER_SELLER;

		boolean hasRefusedToken() {
			return this == EXPIRED || this == FOREIGN_SIGNED || this == ALG_NONE || this == NO_EXP
					|| this == LIVES_TOO_LONG;
		}
	}

	enum Kind {
		/** Token in the Authorization header. */
		API,
		/** A server-rendered page; the token in the lp_token cookie. */
		PAGE,
		/** An event stream: token in the header and the cookie; status and headers only. */
		EVENTS,
		/** A form post, as media servers send their hooks; token in the Authorization header. */
		FORM,
		/** A plain-text post, as a CDN sends its delivery log; token in the Authorization header. */
		TEXT,
		/** An SDP offer, as a WHIP client posts it; token in the Authorization header. */
		SDP
	}

	record Call(Kind kind, String method, String path, String body) {
	}

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlerMapping;

	ApiClient api;
	final Map<Who, String> tokens = new EnumMap<>(Who.class);
	long live;
	long rehearsal;
	long liveProduct;
	long rehearsalProduct;
	long liveSale;
	long rehearsalSale;

	@Autowired
	Clock clock;
	String currentSettings;

	@BeforeEach
	void signInAndCreateStreams() {
		api = new ApiClient(port);
		tokens.put(Who.VIEWER, api.token("viewer-1", "VIEWER", null));
		tokens.put(Who.OWNER_SELLER, api.token("seller-1", "SELLER", OWNER_VENDOR));
		tokens.put(Who.OTHER_SELLER, api.token("seller-2", "SELLER", OTHER_VENDOR));
		tokens.put(Who.ADMIN, api.token("admin", "ADMIN", null));
		tokens.put(Who.COMMERCE, api.token("shop", "COMMERCE", null));
		Instant now = Instant.now();
		tokens.put(Who.EXPIRED, TestTokens.hs256(SECRET,
				TestTokens.claims("seller-1", "SELLER", OWNER_VENDOR, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))));
		tokens.put(Who.FOREIGN_SIGNED, TestTokens.hs256(FOREIGN_SECRET,
				TestTokens.claims("admin", "ADMIN", null, now, now.plus(Duration.ofHours(1)))));
		tokens.put(Who.ALG_NONE, TestTokens.unsigned(
				TestTokens.claims("admin", "ADMIN", null, now, now.plus(Duration.ofHours(1)))));
		tokens.put(Who.NO_EXP, TestTokens.hs256(SECRET, TestTokens.claims("seller-1", "SELLER", OWNER_VENDOR, now, null)));
		tokens.put(Who.LIVES_TOO_LONG, TestTokens.hs256(SECRET,
				TestTokens.claims("viewer-1", "VIEWER", null, now, now.plus(Duration.ofDays(300 * 365L)))));
		Map<String, Object> noRole = TestTokens.claims("no-role-1", "VIEWER", null, now, now.plus(Duration.ofHours(1)));
		noRole.put("roles", List.of());
		tokens.put(Who.NO_ROLE, TestTokens.hs256(SECRET, noRole));

		live = api.liveStream(tokens.get(Who.OWNER_SELLER), "Matrix live");
		rehearsal = api.startedStream(tokens.get(Who.OWNER_SELLER), "Matrix rehearsal", "REHEARSAL");
		currentSettings = api.get("/api/admin/settings", tokens.get(Who.ADMIN)).body();
		liveProduct = product();
		rehearsalProduct = product();
		api.put("/api/streams/" + live + "/showcase", tokens.get(Who.OWNER_SELLER), "{\"productIds\":[" + liveProduct + "]}");
		api.put("/api/streams/" + rehearsal + "/showcase", tokens.get(Who.OWNER_SELLER),
				"{\"productIds\":[" + rehearsalProduct + "]}");
		liveSale = freshSale(live, liveProduct);
		rehearsalSale = freshSale(rehearsal, rehearsalProduct);
	}

	@AfterEach
	void resetClock() {
		((ShiftableClock) clock).reset();
	}

	/**
	 * A new flash sale on the stream, started by an admin (its open one stopped first: one at a time), and the
	 * clock moved past its countdown.
	 */
	private long freshSale(long stream, long product) {
		stopOpenSales(stream);
		Response started = api.post("/api/streams/" + stream + "/flash-sales", tokens.get(Who.ADMIN), saleBody(product));
		if (started.status() != 201) {
			throw new IllegalStateException("starting a flash sale failed: " + started);
		}
		((ShiftableClock) clock).advance(Duration.ofSeconds(11));
		return started.json().get("id").asLong();
	}

	/** The stream's newest giveaway (the admin opened it in the giveaway rows). */
	private long newestGiveaway(long stream) {
		JsonNode list = api.get("/api/streams/" + stream + "/giveaways", tokens.get(Who.ADMIN)).json();
		return list.isEmpty() ? UNKNOWN_ID : list.get(0).get("id").asLong();
	}

	/** A heartbeat with the caller's token, so a person may enter a giveaway (only watching viewers may). */
	private void watch(long stream, Who who) {
		api.post("/api/streams/" + stream + "/heartbeat", tokens.get(who), null);
	}

	private long ownerWebhookId;
	private String ownerDeliveryId;

	/** The owner seller's endpoint the webhook rows act on (made once). */
	private long ownerWebhook() {
		if (ownerWebhookId == 0) {
			ownerWebhookId = freshWebhook();
		}
		return ownerWebhookId;
	}

	/** A delivery of that endpoint (its test event), for the redeliver row. */
	private String ownerDelivery() {
		if (ownerDeliveryId == null) {
			ownerDeliveryId = api.post("/api/webhooks/" + ownerWebhook() + "/test", tokens.get(Who.OWNER_SELLER), null).json()
				.get("deliveryId").asString();
		}
		return ownerDeliveryId;
	}

	private long freshWebhook() {
		Response created = api.post("/api/webhooks", tokens.get(Who.OWNER_SELLER),
				"{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"stream.ended\"]}");
		if (created.status() != 201) {
			throw new IllegalStateException("registering a webhook failed: " + created);
		}
		return created.json().get("id").asLong();
	}

	/** A new auction on the stream, started by an admin (its running one stopped first: one at a time). */
	private long freshAuction(long stream, long product) {
		stopRunningAuctions(stream);
		Response started = api.post("/api/streams/" + stream + "/auctions", tokens.get(Who.ADMIN), auctionBody(product));
		if (started.status() != 201) {
			throw new IllegalStateException("starting an auction failed: " + started);
		}
		return started.json().get("id").asLong();
	}

	private void stopRunningAuctions(long stream) {
		for (JsonNode auction : api.get("/api/streams/" + stream + "/auctions", tokens.get(Who.ADMIN)).json()) {
			if (auction.get("status").asString().equals("RUNNING")) {
				api.post("/api/auctions/" + auction.get("id").asLong() + "/stop", tokens.get(Who.ADMIN), null);
			}
		}
	}

	private static String auctionBody(long product) {
		return "{\"productId\":%d,\"startingPriceMinor\":1000,\"durationSeconds\":120,\"suddenDeath\":false}".formatted(product);
	}

	private void stopOpenSales(long stream) {
		for (JsonNode sale : api.get("/api/streams/" + stream + "/flash-sales", tokens.get(Who.ADMIN)).json()) {
			api.post("/api/flash-sales/" + sale.get("id").asLong() + "/stop", tokens.get(Who.ADMIN), null);
		}
	}


	private static String saleBody(long product) {
		return "{\"productId\":%d,\"priceMinor\":1000,\"stock\":1000,\"perBuyerLimit\":10,\"startsInSeconds\":10,\"durationSeconds\":600}"
			.formatted(product);
	}

	@Test
	void everyMappedEndpointHasARowInTheMatrix() {
		Set<String> mapped = endpointsFromHandlerMapping();
		List<Row> rows = rows();
		List<String> missing = new ArrayList<>();
		for (String endpoint : mapped) {
			String method = endpoint.substring(0, endpoint.indexOf(' '));
			String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
			boolean covered = rows.stream()
				.anyMatch(row -> row.pattern.equals(pattern) && (method.equals("*") || row.method.equals(method)));
			if (!covered) {
				missing.add(endpoint + ": no row in AuthorizationMatrixTests.rows(); add one with the expected status"
						+ " for every caller");
			}
		}
		for (Row row : rows) {
			boolean mappedNow = row.extra || mapped.contains(row.method + " " + row.pattern)
					|| mapped.contains("* " + row.pattern);
			if (!mappedNow) {
				missing.add(row.method + " " + row.pattern + ": a row for an endpoint the service no longer maps; remove it");
			}
		}
		if (!missing.isEmpty()) {
			fail(missing.size() + " endpoint(s) and matrix rows disagree:\n  " + String.join("\n  ", missing));
		}
	}

	@Test
	void everyCallerGetsTheExpectedStatusOnEveryEndpointAndRefusedTokensAreAlways401() {
		List<String> mismatches = new ArrayList<>();
		int cells = 0;
		for (Row row : rows()) {
			for (Who who : Who.values()) {
				Call call = row.call.apply(who);
				Expect expect = row.expectationFor(who, call.kind());
				Response response = perform(call, who);
				cells++;
				List<String> wrong = new ArrayList<>(expect.verify(response));
				if (expect.sameAsUnknown && wrong.isEmpty()) {
					Response unknown = perform(row.unknownTwin, who);
					String hiddenBody = normalized(response.body(), rehearsal);
					String unknownBody = normalized(unknown.body(), UNKNOWN_ID);
					if (unknown.status() != response.status() || !hiddenBody.equals(unknownBody)
							|| !response.contentType().equals(unknown.contentType())) {
						wrong.add("its 404 differs from an unknown id's: " + unknown.status() + " " + unknown.contentType()
								+ " " + abbreviated(unknownBody) + " vs " + abbreviated(hiddenBody));
					}
				}
				if (!wrong.isEmpty()) {
					mismatches.add("%s %s [%s] as %s: expected %s; got %d %s %s -- %s".formatted(row.method, row.pattern,
							row.about, who, expect.description, response.status(), response.contentType(),
							abbreviated(response.body()), String.join("; ", wrong)));
				}
			}
		}
		if (!mismatches.isEmpty()) {
			fail(mismatches.size() + " of " + cells + " cells differ from the matrix:\n  "
					+ String.join("\n  ", mismatches));
		}
	}

	/** The table: one row per endpoint (and per kind of stream where that matters). */
	List<Row> rows() {
		List<Row> rows = new ArrayList<>();
		Expect unauthorized = Expect.problem(401);
		Expect forbidden = Expect.problem(403);
		Expect ok = Expect.status(200);
		Expect hidden = Expect.hiddenAsUnknown();

		// sign-in and streams
		rows.add(row("POST", "/api/dev/token", "dev profile: anyone gets a demo token",
				who -> api("POST", "/api/dev/token", "{\"user\":\"matrix-user\",\"role\":\"VIEWER\"}"))
			.rest(ok));
		rows.add(row("POST", "/api/streams", "create", who -> api("POST", "/api/streams", "{\"title\":\"Matrix new\"}"))
			.expect(Expect.status(201), Who.OWNER_SELLER, Who.OTHER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("GET", "/api/streams", "public list", who -> api("GET", "/api/streams", null))
			.rest(ok.and("never lists a rehearsal or a key", this::listsNoRehearsalNorKey)));
		rows.add(row("GET", "/api/streams/mine", "a seller's own streams (empty for other roles)",
				who -> api("GET", "/api/streams/mine", null))
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(ok));
		rows.add(row("GET", "/api/replays", "a seller's replays (empty for other roles)",
				who -> api("GET", "/api/replays", null))
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(ok));
		rows.add(row("GET", "/api/live-now", "home page list", who -> api("GET", "/api/live-now", null))
			.rest(ok.and("never lists a rehearsal or a key", this::listsNoRehearsalNorKey)));
		rows.add(row("GET", "/api/streams/{id}", "LIVE stream", who -> api("GET", "/api/streams/" + live, null))
			.rest(ok.and("no key in the public view", response -> !response.body().contains("streamKey"))));
		rows.add(rehearsalRow("GET", "/api/streams/{id}", id -> api("GET", "/api/streams/" + id, null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("GET", "/api/streams/{id}/key", "LIVE stream", who -> api("GET", "/api/streams/" + live + "/key", null))
			.expect(ok.and("carries the streamKey", response -> response.body().contains("\"streamKey\"")), Who.OWNER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("POST", "/api/streams/{id}/key/rotate", "a fresh CREATED stream per caller",
				who -> api("POST", "/api/streams/" + freshStream(false) + "/key/rotate", null))
			.expect(ok.and("carries the new streamKey", response -> response.body().contains("\"streamKey\"")),
					Who.OWNER_SELLER)
			.expect(ok.and("carries no streamKey (admins revoke, never read)",
					response -> !response.body().contains("streamKey")), Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		// a camera publish: the seller only (the offer here is no SDP, so the seller's call ends at its validation)
		rows.add(row("POST", "/api/streams/{id}/whip", "the LIVE stream, an offer that is no SDP",
				who -> new Call(Kind.SDP, "POST", "/api/streams/" + live + "/whip", "not an offer"))
			.expect(Expect.status(400), Who.OWNER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("DELETE", "/api/streams/{id}/whip/{publish}", "the LIVE stream, no such publish",
				who -> api("DELETE", "/api/streams/" + live + "/whip/0123", null))
			.expect(Expect.status(404), Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("POST", "/api/streams/{id}/start", "a fresh CREATED stream per caller",
				who -> api("POST", "/api/streams/" + freshStream(false) + "/start", null))
			.expect(Expect.success(), Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("POST", "/api/streams/{id}/end", "a fresh LIVE stream per caller, {save:true}",
				who -> api("POST", "/api/streams/" + freshStream(true) + "/end", "{\"save\":true}"))
			.expect(Expect.success(), Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		// viewers
		rows.add(row("POST", "/api/streams/{id}/heartbeat", "LIVE stream",
				who -> api("POST", "/api/streams/" + live + "/heartbeat", null))
			.rest(ok));
		rows.add(rehearsalRow("POST", "/api/streams/{id}/heartbeat", id -> api("POST", "/api/streams/" + id + "/heartbeat", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("POST", "/api/streams/{id}/leave", "LIVE stream", who -> api("POST", "/api/streams/" + live + "/leave", null))
			.rest(ok));
		rows.add(row("GET", "/api/streams/{id}/engagement", "LIVE stream",
				who -> api("GET", "/api/streams/" + live + "/engagement", null))
			.rest(ok));
		rows.add(rehearsalRow("GET", "/api/streams/{id}/engagement",
				id -> api("GET", "/api/streams/" + id + "/engagement", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("GET", "/api/streams/{id}/events", "LIVE stream",
				who -> new Call(Kind.EVENTS, "GET", "/api/streams/" + live + "/events", null))
			.rest(Expect.eventStream()));
		rows.add(rehearsalRow("GET", "/api/streams/{id}/events",
				id -> new Call(Kind.EVENTS, "GET", "/api/streams/" + id + "/events", null))
			.expect(Expect.eventStream(), Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		// likes are for people (viewers, sellers, admins), on the edge fast lane and on the regular chain alike
		rows.add(row("POST", "/api/streams/{id}/likes", "LIVE stream, one like per caller (the edge fast lane)",
				who -> api("POST", "/api/streams/" + live + "/likes", null))
			.expect(unauthorized, Who.ANONYMOUS)
			.expect(forbidden, Who.COMMERCE, Who.NO_ROLE)
			.rest(ok.and("the like counts (accepted: true)", response -> response.body().contains("\"accepted\":true"))));
		rows.add(row("POST", "/api/streams/{id}/likes", "LIVE stream, through the regular chain (a query skips the fast lane)",
				who -> api("POST", "/api/streams/" + live + "/likes?lane=regular", null))
			.expect(unauthorized, Who.ANONYMOUS)
			.expect(forbidden, Who.COMMERCE, Who.NO_ROLE)
			.rest(ok.and("the like counts (accepted: true)", response -> response.body().contains("\"accepted\":true"))));
		rows.add(row("POST", "/api/streams/{id}/purchases", "LIVE stream, a new orderId per caller",
				who -> api("POST", "/api/streams/" + live + "/purchases", purchase(who)))
			.expect(Expect.status(200, 201), Who.COMMERCE)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		// live shopping: products are their seller's (another seller's product is not confirmed to exist)
		rows.add(row("POST", "/api/products", "create", who -> api("POST", "/api/products", PRODUCT))
			.expect(Expect.status(201), Who.OWNER_SELLER, Who.OTHER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("GET", "/api/products", "a seller's own products", who -> api("GET", "/api/products", null))
			.expect(ok, Who.OWNER_SELLER, Who.OTHER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("PUT", "/api/products/{id}", "a product of vendor 456",
				who -> api("PUT", "/api/products/" + liveProduct, PRODUCT))
			.expect(ok, Who.OWNER_SELLER)
			.expect(Expect.problem(404), Who.OTHER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("DELETE", "/api/products/{id}", "archives a fresh product of vendor 456 per caller",
				who -> api("DELETE", "/api/products/" + product(), null))
			.expect(ok, Who.OWNER_SELLER)
			.expect(Expect.problem(404), Who.OTHER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("GET", "/api/streams/{id}/showcase", "LIVE stream",
				who -> api("GET", "/api/streams/" + live + "/showcase", null))
			.rest(ok.and("no shop URL, only the counted Buy link", response -> !response.body().contains("productUrl"))));
		rows.add(rehearsalRow("GET", "/api/streams/{id}/showcase", id -> api("GET", "/api/streams/" + id + "/showcase", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("PUT", "/api/streams/{id}/showcase", "LIVE stream, its seller's product",
				who -> api("PUT", "/api/streams/" + live + "/showcase", "{\"productIds\":[" + liveProduct + "]}"))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("POST", "/api/streams/{id}/pin", "LIVE stream, a product of its showcase",
				who -> api("POST", "/api/streams/" + live + "/pin", "{\"productId\":" + liveProduct + "}"))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("DELETE", "/api/streams/{id}/pin", "LIVE stream",
				who -> api("DELETE", "/api/streams/" + live + "/pin", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("GET", "/api/streams/{id}/products/stats", "LIVE stream",
				who -> api("GET", "/api/streams/" + live + "/products/stats", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("GET", "/go/{streamId}/{productId}", "Buy on the LIVE stream: a redirect for everyone",
				who -> page("/go/" + live + "/" + liveProduct))
			.rest(Expect.status(302).and("to the shop with the attribution parameters",
					response -> String.valueOf(response.header("Location")).startsWith("https://shop.example.com/")
							&& response.header("Location").contains("utm_campaign=" + live))));
		rows.add(new Row("GET", "/go/{streamId}/{productId}", "REHEARSAL stream",
				who -> page("/go/" + rehearsal + "/" + rehearsalProduct), page("/go/" + UNKNOWN_ID + "/" + rehearsalProduct))
			.expect(Expect.status(302), Who.OWNER_SELLER, Who.ADMIN)
			.rest(Expect.status(404).sameAsUnknown()));
		rows.add(row("GET", "/api/admin/shop-domains", "admin only", who -> api("GET", "/api/admin/shop-domains", null))
			.expect(ok, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("PUT", "/api/admin/shop-domains", "the list, unchanged (empty)",
				who -> api("PUT", "/api/admin/shop-domains", "{\"domains\":[]}"))
			.expect(ok, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		// chat: any signed-in person posts where they may see the stream; moderation is the owner's and admins'
		rows.add(row("POST", "/api/streams/{id}/chat", "LIVE stream, one message per caller",
				who -> api("POST", "/api/streams/" + live + "/chat", "{\"text\":\"hello from the matrix\"}"))
			.expect(unauthorized, Who.ANONYMOUS)
			.expect(forbidden, Who.COMMERCE, Who.NO_ROLE)
			.rest(Expect.status(201)));
		rows.add(rehearsalRow("POST", "/api/streams/{id}/chat",
				id -> api("POST", "/api/streams/" + id + "/chat", "{\"text\":\"practice\"}"))
			.expect(Expect.status(201), Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(hidden));
		rows.add(row("GET", "/api/streams/{id}/chat", "LIVE stream", who -> api("GET", "/api/streams/" + live + "/chat", null))
			.rest(ok));
		rows.add(rehearsalRow("GET", "/api/streams/{id}/chat", id -> api("GET", "/api/streams/" + id + "/chat", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("DELETE", "/api/streams/{id}/chat/{messageId}", "LIVE stream, a fresh message per caller",
				who -> api("DELETE", "/api/streams/" + live + "/chat/" + chatMessage(), null))
			.expect(Expect.status(204), Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("POST", "/api/streams/{id}/chat/timeouts", "LIVE stream, one minute for a bystander",
				who -> api("POST", "/api/streams/" + live + "/chat/timeouts", "{\"userId\":\"matrix-bystander\",\"minutes\":1}"))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("PUT", "/api/streams/{id}/chat/settings", "LIVE stream, chat on without slow mode",
				who -> api("PUT", "/api/streams/" + live + "/chat/settings", "{\"enabled\":true,\"slowModeSeconds\":0}"))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("POST", "/api/streams/{id}/chat/bans", "LIVE stream: its seller's chat, for a bystander",
				who -> api("POST", "/api/streams/" + live + "/chat/bans", "{\"userId\":\"matrix-bystander\"}"))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("POST", "/api/sellers/me/bans", "a seller bans a bystander from their own streams",
				who -> api("POST", "/api/sellers/me/bans", "{\"userId\":\"matrix-bystander\"}"))
			.expect(ok, Who.OWNER_SELLER, Who.OTHER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		rows.add(row("PUT", "/api/sellers/me/blocked-terms", "a seller's own list, emptied",
				who -> api("PUT", "/api/sellers/me/blocked-terms", "{\"terms\":[]}"))
			.expect(ok, Who.OWNER_SELLER, Who.OTHER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("PUT", "/api/admin/blocked-terms", "the global list, emptied",
				who -> api("PUT", "/api/admin/blocked-terms", "{\"terms\":[]}"))
			.expect(ok, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("GET", "/api/streams/{id}/chat/review", "LIVE stream",
				who -> api("GET", "/api/streams/" + live + "/chat/review", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("POST", "/api/streams/{id}/chat/{messageId}/release", "LIVE stream, a message not held",
				who -> api("POST", "/api/streams/" + live + "/chat/" + chatMessage() + "/release", null))
			.expect(Expect.problem(404), Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("POST", "/api/streams/{id}/chat/{messageId}/reports", "LIVE stream, a fresh message per caller",
				who -> api("POST", "/api/streams/" + live + "/chat/" + chatMessage() + "/reports", null))
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(Expect.status(201)));

		rows.add(row("POST", "/api/streams/{id}/chat/{messageId}/pin", "LIVE stream, a fresh message per caller",
				who -> api("POST", "/api/streams/" + live + "/chat/" + chatMessage() + "/pin", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("DELETE", "/api/streams/{id}/chat/pin", "LIVE stream",
				who -> api("DELETE", "/api/streams/" + live + "/chat/pin", null))
			.expect(Expect.status(204), Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		rows.add(row("GET", "/api/admin/chat/review", "admin only: every stream's queue",
				who -> api("GET", "/api/admin/chat/review", null))
			.expect(ok, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("GET", "/api/admin/chat/link-hosts", "admin only", who -> api("GET", "/api/admin/chat/link-hosts", null))
			.expect(ok, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("PUT", "/api/admin/chat/link-hosts", "the list, unchanged (empty)",
				who -> api("PUT", "/api/admin/chat/link-hosts", "{\"hosts\":[]}"))
			.expect(ok, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		rows.add(row("GET", "/api/admin/embed-origins", "admin only", who -> api("GET", "/api/admin/embed-origins", null))
			.expect(ok, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("PUT", "/api/admin/embed-origins", "the list, unchanged (empty)",
				who -> api("PUT", "/api/admin/embed-origins", "{\"origins\":[]}"))
			.expect(ok, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		// video
		rows.add(row("GET", "/api/streams/{id}/video", "LIVE stream",
				who -> api("GET", "/api/streams/" + live + "/video", null))
			.rest(ok.and("no key in the video view", response -> !response.body().contains("vendor_"))));
		rows.add(rehearsalRow("GET", "/api/streams/{id}/video", id -> api("GET", "/api/streams/" + id + "/video", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("GET", "/api/streams/{id}/media", "LIVE stream: ingest URL, playback id, health",
				who -> api("GET", "/api/streams/" + live + "/media", null))
			.expect(ok.and("no key in the encoder view", response -> !response.body().contains("vendor_")), Who.OWNER_SELLER,
					Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		// flash sales: the stream's seller and admins start and stop them; people other than its seller claim
		rows.add(row("POST", "/api/streams/{id}/flash-sales", "LIVE stream, a showcase product (its open sale stopped first)",
				who -> {
					stopOpenSales(live);
					return api("POST", "/api/streams/" + live + "/flash-sales", saleBody(liveProduct));
				})
			.expect(Expect.status(201), Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(rehearsalRow("POST", "/api/streams/{id}/flash-sales", id -> {
			if (id == rehearsal) {
				stopOpenSales(rehearsal);
			}
			return api("POST", "/api/streams/" + id + "/flash-sales", saleBody(rehearsalProduct));
		})
			.expect(Expect.status(201), Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(hidden));
		rows.add(row("GET", "/api/streams/{id}/flash-sales", "LIVE stream",
				who -> api("GET", "/api/streams/" + live + "/flash-sales", null))
			.rest(ok));
		rows.add(rehearsalRow("GET", "/api/streams/{id}/flash-sales", id -> api("GET", "/api/streams/" + id + "/flash-sales", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("GET", "/api/flash-sales/{id}", "a LIVE stream's sale",
				who -> api("GET", "/api/flash-sales/" + liveSale, null))
			.rest(ok));
		rows.add(new Row("GET", "/api/flash-sales/{id}", "a REHEARSAL stream's sale",
				who -> api("GET", "/api/flash-sales/" + rehearsalSale, null), api("GET", "/api/flash-sales/" + UNKNOWN_ID, null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("POST", "/api/flash-sales/{id}/claims", "a running sale of a LIVE stream",
				who -> api("POST", "/api/flash-sales/" + freshSale(live, liveProduct) + "/claims", "{\"quantity\":1}"))
			.expect(Expect.status(201), Who.VIEWER, Who.OTHER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(new Row("POST", "/api/flash-sales/{id}/claims", "a running sale of a REHEARSAL stream",
				who -> api("POST", "/api/flash-sales/" + freshSale(rehearsal, rehearsalProduct) + "/claims", "{\"quantity\":1}"),
				api("POST", "/api/flash-sales/" + UNKNOWN_ID + "/claims", "{\"quantity\":1}"))
			.expect(Expect.status(201), Who.ADMIN)
			.expect(forbidden, Who.OWNER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(hidden));
		rows.add(row("POST", "/api/flash-sales/{id}/stop", "a new sale of a LIVE stream each time",
				who -> api("POST", "/api/flash-sales/" + freshSale(live, liveProduct) + "/stop", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		// webhooks: sellers (their vendor's endpoints) and admins (every endpoint); the receiver is on 127.0.0.1, which
		// the tests' dev switch allows
		String webhook = "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"stream.ended\"]}";
		rows.add(row("POST", "/api/webhooks", "registers an endpoint", who -> api("POST", "/api/webhooks", webhook))
			.expect(Expect.status(201), Who.OWNER_SELLER, Who.OTHER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("GET", "/api/webhooks", "the caller's endpoints", who -> api("GET", "/api/webhooks", null))
			.expect(ok.and("never a secret", response -> !response.body().contains("whsec_")), Who.OWNER_SELLER,
					Who.OTHER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		for (String[] action : new String[][] { { "PATCH", "", "{\"enabled\":true}" }, { "POST", "/rotate", null },
				{ "GET", "/deliveries", null }, { "POST", "/redeliver-failed", null }, { "POST", "/test", null } }) {
			rows.add(row(action[0], "/api/webhooks/{id}" + action[1], "the owner seller's endpoint",
					who -> api(action[0], "/api/webhooks/" + ownerWebhook() + action[1], action[2]))
				.expect(Expect.success(), Who.OWNER_SELLER, Who.ADMIN)
				.expect(Expect.problem(404), Who.OTHER_SELLER)
				.expect(unauthorized, Who.ANONYMOUS)
				.rest(forbidden));
		}
		rows.add(row("POST", "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver", "the owner seller's endpoint's test delivery",
				who -> api("POST", "/api/webhooks/" + ownerWebhook() + "/deliveries/" + ownerDelivery() + "/redeliver", null))
			.expect(Expect.status(202), Who.OWNER_SELLER, Who.ADMIN)
			.expect(Expect.problem(404), Who.OTHER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("DELETE", "/api/webhooks/{id}", "a fresh endpoint of the owner seller per caller",
				who -> api("DELETE", "/api/webhooks/" + freshWebhook(), null))
			.expect(Expect.status(204), Who.OWNER_SELLER, Who.ADMIN)
			.expect(Expect.problem(404), Who.OTHER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		// auctions: the stream's seller and admins start and stop them (one running at a time, so each row starts
		// its own); people other than its seller bid
		rows.add(row("POST", "/api/streams/{id}/auctions", "LIVE stream, a showcase product (its running auction stopped first)",
				who -> {
					stopRunningAuctions(live);
					return api("POST", "/api/streams/" + live + "/auctions", auctionBody(liveProduct));
				})
			.expect(Expect.status(201), Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(rehearsalRow("POST", "/api/streams/{id}/auctions", id -> {
			if (id == rehearsal) {
				stopRunningAuctions(rehearsal);
			}
			return api("POST", "/api/streams/" + id + "/auctions", auctionBody(rehearsalProduct));
		})
			.expect(Expect.status(201), Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(hidden));
		rows.add(row("GET", "/api/streams/{id}/auctions", "LIVE stream",
				who -> api("GET", "/api/streams/" + live + "/auctions", null))
			.rest(ok));
		rows.add(rehearsalRow("GET", "/api/streams/{id}/auctions", id -> api("GET", "/api/streams/" + id + "/auctions", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("GET", "/api/auctions/{id}", "a LIVE stream's auction",
				who -> api("GET", "/api/auctions/" + freshAuction(live, liveProduct), null))
			.rest(ok));
		rows.add(new Row("GET", "/api/auctions/{id}", "a REHEARSAL stream's auction",
				who -> api("GET", "/api/auctions/" + freshAuction(rehearsal, rehearsalProduct), null),
				api("GET", "/api/auctions/" + UNKNOWN_ID, null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("GET", "/api/auctions/{id}/bids", "a LIVE stream's auction",
				who -> api("GET", "/api/auctions/" + freshAuction(live, liveProduct) + "/bids", null))
			.rest(ok));
		rows.add(new Row("GET", "/api/auctions/{id}/bids", "a REHEARSAL stream's auction",
				who -> api("GET", "/api/auctions/" + freshAuction(rehearsal, rehearsalProduct) + "/bids", null),
				api("GET", "/api/auctions/" + UNKNOWN_ID + "/bids", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("POST", "/api/auctions/{id}/bids", "a running auction of a LIVE stream",
				who -> api("POST", "/api/auctions/" + freshAuction(live, liveProduct) + "/bids", "{\"amountMinor\":1000}"))
			.expect(Expect.status(201), Who.VIEWER, Who.OTHER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(new Row("POST", "/api/auctions/{id}/bids", "a running auction of a REHEARSAL stream",
				who -> api("POST", "/api/auctions/" + freshAuction(rehearsal, rehearsalProduct) + "/bids", "{\"amountMinor\":1000}"),
				api("POST", "/api/auctions/" + UNKNOWN_ID + "/bids", "{\"amountMinor\":1000}"))
			.expect(Expect.status(201), Who.ADMIN)
			.expect(forbidden, Who.OWNER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(hidden));
		rows.add(row("POST", "/api/auctions/{id}/stop", "a new auction of a LIVE stream each time",
				who -> api("POST", "/api/auctions/" + freshAuction(live, liveProduct) + "/stop", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		// giveaways: one open at a time per stream, so the admin (who runs before the owner) opens it and the owner
		// is told one is open; entrants are signed-in people watching (a heartbeat first) other than the seller
		String giveaway = "{\"entrySeconds\":120,\"chattersOnly\":false}";
		rows.add(row("POST", "/api/streams/{id}/giveaways", "LIVE stream",
				who -> api("POST", "/api/streams/" + live + "/giveaways", giveaway))
			.expect(Expect.status(201), Who.ADMIN)
			.expect(Expect.problem(409), Who.OWNER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(rehearsalRow("POST", "/api/streams/{id}/giveaways", id -> api("POST", "/api/streams/" + id + "/giveaways", giveaway))
			.expect(Expect.status(201), Who.ADMIN)
			.expect(Expect.problem(409), Who.OWNER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(hidden));
		rows.add(row("GET", "/api/streams/{id}/giveaways", "LIVE stream",
				who -> api("GET", "/api/streams/" + live + "/giveaways", null))
			.rest(ok));
		rows.add(rehearsalRow("GET", "/api/streams/{id}/giveaways", id -> api("GET", "/api/streams/" + id + "/giveaways", null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("GET", "/api/giveaways/{id}", "a LIVE stream's giveaway",
				who -> api("GET", "/api/giveaways/" + newestGiveaway(live), null))
			.rest(ok));
		rows.add(new Row("GET", "/api/giveaways/{id}", "a REHEARSAL stream's giveaway",
				who -> api("GET", "/api/giveaways/" + newestGiveaway(rehearsal), null), api("GET", "/api/giveaways/" + UNKNOWN_ID, null))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(hidden));
		rows.add(row("POST", "/api/giveaways/{id}/exclusions", "a LIVE stream's open giveaway",
				who -> api("POST", "/api/giveaways/" + newestGiveaway(live) + "/exclusions", "{\"userId\":\"matrix-troll\"}"))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(row("POST", "/api/giveaways/{id}/entries", "a LIVE stream's open giveaway, the caller watching",
				who -> {
					watch(live, who);
					return api("POST", "/api/giveaways/" + newestGiveaway(live) + "/entries", null);
				})
			.expect(Expect.status(201), Who.VIEWER, Who.OTHER_SELLER, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		rows.add(new Row("POST", "/api/giveaways/{id}/entries", "a REHEARSAL stream's open giveaway, the caller watching",
				who -> {
					watch(rehearsal, who);
					return api("POST", "/api/giveaways/" + newestGiveaway(rehearsal) + "/entries", null);
				}, api("POST", "/api/giveaways/" + UNKNOWN_ID + "/entries", null))
			.expect(Expect.status(201), Who.ADMIN)
			.expect(forbidden, Who.OWNER_SELLER)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(hidden));

		// media hooks: the media server's secret opens them, never a token; without it everyone is refused
		for (String hook : List.of("publish", "publish-done", "update", "record-done", "webrtc-feed")) {
			rows.add(row("POST", "/api/media/nginx-rtmp/" + hook, "without the hook secret",
					who -> new Call(Kind.FORM, "POST", "/api/media/nginx-rtmp/" + hook,
							"call=publish&app=ingest&clientid=1&name=vendor_456_1_x&file=x.mp4"))
				.rest(forbidden));
		}
		rows.add(row("POST", "/api/media/mediamtx/auth", "without the hook secret",
				who -> api("POST", "/api/media/mediamtx/auth", "{\"action\":\"read\",\"path\":\"live/x\",\"id\":\"r\"}"))
			.rest(forbidden));
		rows.add(row("POST", "/api/media/janus/events", "without the hook secret",
				who -> api("POST", "/api/media/janus/events", "{\"type\":32,\"opaque_id\":\"x\",\"event\":{}}"))
			.rest(forbidden));
		rows.add(row("POST", "/api/media/delivery-log", "without the hook secret",
				who -> new Call(Kind.TEXT, "POST", "/api/media/delivery-log", "lp1 1.0 127.0.0.1 - \"/hls/x/y.ts\" 200 1 1 OK ua"))
			.rest(forbidden));
		rows.add(row("POST", "/api/media/srs/hooks", "without the hook secret",
				who -> api("POST", "/api/media/srs/hooks", "{\"action\":\"on_play\",\"client_id\":1,\"stream\":\"x\"}"))
			.rest(forbidden));

		// owner and admin figures
		for (String figures : List.of("stats", "analytics", "analytics.csv")) {
			rows.add(row("GET", "/api/streams/{id}/" + figures, "LIVE stream",
					who -> api("GET", "/api/streams/" + live + "/" + figures, null))
				.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
				.expect(unauthorized, Who.ANONYMOUS)
				.rest(forbidden));
		}

		// admin
		for (String adminRead : List.of("/api/admin/settings", "/api/admin/settings/audit", "/api/admin/streams",
				"/api/admin/reconciliation", "/api/admin/presence/uncounted", "/api/admin/media")) {
			rows.add(row("GET", adminRead, "admin only", who -> api("GET", adminRead, null))
				.expect(ok, Who.ADMIN)
				.expect(unauthorized, Who.ANONYMOUS)
				.rest(forbidden));
		}
		for (String report : List.of("viewer-report", "viewer-report.csv")) {
			rows.add(row("GET", "/api/admin/streams/{id}/" + report, "LIVE stream, admin only",
					who -> api("GET", "/api/admin/streams/" + live + "/" + report, null))
				.expect(ok, Who.ADMIN)
				.expect(unauthorized, Who.ANONYMOUS)
				.rest(forbidden));
		}
		rows.add(row("PUT", "/api/admin/settings", "the current settings, unchanged",
				who -> api("PUT", "/api/admin/settings", currentSettings))
			.expect(ok, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));

		// the API's own documentation (dev profile; off in prod): public, like the API list it describes
		for (String docs : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config")) {
			rows.add(row("GET", docs, "OpenAPI document", who -> api("GET", docs, null)).rest(ok));
		}
		rows.add(row("GET", "/swagger-ui.html", "Swagger UI (redirects to its page)", who -> page("/swagger-ui.html"))
			.rest(Expect.status(200, 302)));

		// pages (token in the lp_token cookie; a refused token is an anonymous visitor)
		rows.add(row("GET", "/", "home page", who -> page("/")).rest(ok));
		rows.add(row("GET", "/signin", "dev sign-in page", who -> page("/signin")).rest(ok));
		rows.add(row("GET", "/live/{id}", "viewer page of the LIVE stream", who -> page("/live/" + live)).rest(ok));
		// the embeddable player is anonymous (framed on a shop's page): a rehearsal is "not found" to everyone there
		rows.add(row("GET", "/embed/{id}", "embeddable player of the LIVE stream", who -> page("/embed/" + live))
			.rest(ok.and("framed only by the listed origins", response -> response.header("Content-Security-Policy")
				.contains("frame-ancestors 'self'") && response.header("X-Frame-Options") == null)));
		rows.add(rehearsalRow("GET", "/embed/{id}", id -> page("/embed/" + id)).rest(Expect.status(404).sameAsUnknown()));
		rows.add(rehearsalRow("GET", "/live/{id}", id -> page("/live/" + id))
			.expect(ok, Who.OWNER_SELLER, Who.ADMIN)
			.rest(Expect.status(404).sameAsUnknown()));
		// signed in without the role: 403 "This page is for ..."; not signed in (or a refused token): 401
		rows.add(row("GET", "/seller", "seller console", who -> page("/seller"))
			.expect(ok, Who.OWNER_SELLER, Who.OTHER_SELLER)
			.expect(Expect.status(401), Who.ANONYMOUS)
			.rest(Expect.status(403)));
		rows.add(row("GET", "/admin/streaming", "admin console", who -> page("/admin/streaming"))
			.expect(ok, Who.ADMIN)
			.expect(Expect.status(401), Who.ANONYMOUS)
			.rest(Expect.status(403)));

		// the error page, called directly
		rows.add(row("GET", "/error", "called directly, not as an error dispatch", who -> api("GET", "/error", null))
			.rest(Expect.problem(404)));

		// actuator: not in the MVC handler mapping
		rows.add(row("GET", "/actuator/health", "ops", who -> api("GET", "/actuator/health", null)).extra().rest(ok));
		rows.add(row("GET", "/actuator/prometheus", "ops: metrics for admins only",
				who -> api("GET", "/actuator/prometheus", null))
			.extra()
			.expect(ok, Who.ADMIN)
			.expect(unauthorized, Who.ANONYMOUS)
			.rest(forbidden));
		return rows;
	}

	private boolean listsNoRehearsalNorKey(Response response) {
		return !Pattern.compile("\"id\":" + rehearsal + "\\b").matcher(response.body()).find()
				&& !response.body().contains("streamKey");
	}

	private static final String PRODUCT = "{\"title\":\"Matrix product\",\"priceMinor\":1999,\"currency\":\"EUR\","
			+ "\"imageUrl\":\"https://shop.example.com/m.jpg\",\"productUrl\":\"https://shop.example.com/m\"}";

	/** A new product of vendor 456; its id. */
	private long product() {
		Response created = api.post("/api/products", tokens.get(Who.OWNER_SELLER), PRODUCT);
		if (created.status() != 201) {
			throw new IllegalStateException("creating a product failed: " + created);
		}
		return created.json().get("id").asLong();
	}

	private String purchase(Who who) {
		return "{\"orderId\":\"matrix-%s-%s\",\"amountMinor\":1999,\"currency\":\"EUR\",\"buyerId\":\"buyer-1\"}"
			.formatted(who.name().toLowerCase(), UUID.randomUUID());
	}

	/** A new stream of vendor 456, CREATED or LIVE, so one caller's transition never changes the next one's answer. */
	private long freshStream(boolean started) {
		String owner = tokens.get(Who.OWNER_SELLER);
		if (started) {
			return api.liveStream(owner, "Matrix cell");
		}
		Response created = api.post("/api/streams", owner, "{\"title\":\"Matrix cell\"}");
		if (created.status() != 201) {
			throw new IllegalStateException("creating a stream failed: " + created);
		}
		return created.json().get("id").asLong();
	}

	private Response perform(Call call, Who who) {
		String token = tokens.get(who);
		return switch (call.kind()) {
			case API -> api.exchange(call.method(), call.path(), token, call.body(),
					call.body() == null ? null : "application/json", Map.of());
			case PAGE -> api.exchange(call.method(), call.path(), null, null, null,
					token == null ? Map.of("Accept", "text/html")
							: Map.of("Accept", "text/html", "Cookie", TokenVerifier.PAGE_COOKIE + "=" + token));
			case FORM -> api.exchange(call.method(), call.path(), token, call.body(), "application/x-www-form-urlencoded",
					Map.of());
			case TEXT -> api.exchange(call.method(), call.path(), token, call.body(), "text/plain", Map.of());
			case SDP -> api.exchange(call.method(), call.path(), token, call.body(), "application/sdp", Map.of());
			case EVENTS -> api.statusOfEventStream(call.path(), token == null ? Map.of()
					: Map.of("Authorization", "Bearer " + token, "Cookie", TokenVerifier.PAGE_COOKIE + "=" + token));
		};
	}

	private Set<String> endpointsFromHandlerMapping() {
		Set<String> endpoints = new TreeSet<>();
		handlerMapping.getHandlerMethods().keySet().forEach(info -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (methods.isEmpty()) {
					endpoints.add("* " + pattern);
				}
				else {
					methods.forEach(method -> endpoints.add(method.name() + " " + pattern));
				}
			}
		});
		return endpoints;
	}

	/** A body with the stream id in it made comparable to another id's: ids and page nonces blanked. */
	/** The body with the hidden (or unknown) stream id and the request path it names as its instance blanked. */
	private static String normalized(String body, long id) {
		return body.replaceAll("\\b" + id + "\\b", "{id}").replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"")
			.replaceAll("\"instance\":\"[^\"]*\"", "\"instance\":\"{path}\"");
	}

	private static String abbreviated(String body) {
		String flat = body.replaceAll("\\s+", " ").strip();
		return flat.length() <= 240 ? flat : flat.substring(0, 240) + "...";
	}

	/** A fresh message on the LIVE stream from a fresh viewer (so no rate limit is reached); its id. */
	private long chatMessage() {
		String chatter = api.token("matrix-chatter-" + System.nanoTime(), "VIEWER", null);
		Response posted = api.post("/api/streams/" + live + "/chat", chatter, "{\"text\":\"delete me\"}");
		if (posted.status() != 201) {
			throw new IllegalStateException("posting a chat message failed: " + posted);
		}
		return posted.json().get("id").asLong();
	}

	private static Call api(String method, String path, String body) {
		return new Call(Kind.API, method, path, body);
	}

	private static Call page(String path) {
		return new Call(Kind.PAGE, "GET", path, null);
	}

	private Row row(String method, String pattern, String about, Function<Who, Call> call) {
		return new Row(method, pattern, about, call, null);
	}

	/** A row on the started REHEARSAL stream of vendor 456; hidden cells compare with the same call on an unknown id. */
	private Row rehearsalRow(String method, String pattern, java.util.function.LongFunction<Call> call) {
		return new Row(method, pattern, "REHEARSAL stream", who -> call.apply(rehearsal), call.apply(UNKNOWN_ID));
	}

	/** What one cell must answer. */
	static final class Expect {

		final Set<Integer> statuses;
		final String description;
		final boolean problem;
		final boolean sameAsUnknown;
		final Map<String, Predicate<Response>> checks;

		private Expect(Set<Integer> statuses, String description, boolean problem, boolean sameAsUnknown,
				Map<String, Predicate<Response>> checks) {
			this.statuses = statuses;
			this.description = description;
			this.problem = problem;
			this.sameAsUnknown = sameAsUnknown;
			this.checks = checks;
		}

		static Expect status(int... statuses) {
			return new Expect(Arrays.stream(statuses).boxed().collect(Collectors.toCollection(TreeSet::new)),
					Arrays.stream(statuses).mapToObj(String::valueOf).collect(Collectors.joining("/")), false, false,
					Map.of());
		}

		static Expect success() {
			return new Expect(IntStream.range(200, 300).boxed().collect(Collectors.toSet()), "2xx", false, false, Map.of());
		}

		static Expect problem(int status) {
			return new Expect(Set.of(status), status + " problem+json", true, false, Map.of());
		}

		static Expect eventStream() {
			return status(200).and("is text/event-stream", response -> response.contentType().startsWith("text/event-stream"));
		}

		/** 404 problem+json with exactly the body an unknown stream id gets. */
		static Expect hiddenAsUnknown() {
			return problem(404).sameAsUnknown();
		}

		Expect sameAsUnknown() {
			return new Expect(statuses, description + " identical to an unknown id's", problem, true, checks);
		}

		Expect and(String what, Predicate<Response> check) {
			Map<String, Predicate<Response>> more = new LinkedHashMap<>(checks);
			more.put(what, check);
			return new Expect(statuses, description + " that " + what, problem, sameAsUnknown, more);
		}

		List<String> verify(Response response) {
			List<String> wrong = new ArrayList<>();
			if (!statuses.contains(response.status())) {
				wrong.add("status " + response.status());
				return wrong;
			}
			if (problem) {
				if (!response.isProblem()) {
					wrong.add("not application/problem+json");
				}
				else if (!response.body().contains("\"detail\"")) {
					wrong.add("a problem without a detail");
				}
			}
			checks.forEach((what, check) -> {
				if (!check.test(response)) {
					wrong.add("expected it " + what);
				}
			});
			return wrong;
		}
	}

	/** One endpoint (and kind of stream) with the expected answer for each caller. */
	static final class Row {

		final String method;
		final String pattern;
		final String about;
		final Function<Who, Call> call;
		final Call unknownTwin;
		final Map<Who, Expect> expected = new EnumMap<>(Who.class);
		boolean extra;

		Row(String method, String pattern, String about, Function<Who, Call> call, Call unknownTwin) {
			this.method = method;
			this.pattern = pattern;
			this.about = about;
			this.call = call;
			this.unknownTwin = unknownTwin;
		}

		Row expect(Expect expect, Who... callers) {
			for (Who who : callers) {
				expected.put(who, expect);
			}
			return this;
		}

		/** Every caller with a valid identity (or none) not given yet. */
		Row rest(Expect expect) {
			for (Who who : Who.values()) {
				if (!who.hasRefusedToken()) {
					expected.putIfAbsent(who, expect);
				}
			}
			return this;
		}

		/** Not in the MVC handler mapping (actuator). */
		Row extra() {
			this.extra = true;
			return this;
		}

		/**
		 * A refused token is a 401 problem everywhere a bearer token is read; on pages, where it comes
		 * in a cookie, it counts as no sign-in at all.
		 */
		Expect expectationFor(Who who, Kind kind) {
			if (who.hasRefusedToken()) {
				return kind == Kind.PAGE ? expected.get(Who.ANONYMOUS) : Expect.problem(401);
			}
			Expect expect = expected.get(who);
			if (expect == null) {
				throw new IllegalStateException(method + " " + pattern + " has no expectation for " + who);
			}
			return expect;
		}
	}
}
