package io.livepulse.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.ShiftableClock;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

/**
 * Giveaways through the API, on H2 and PostgreSQL: who may enter (watching, signed in, once, not the seller,
 * chatters only when asked), one winner drawn once even by two drawers at once, by the published rule from the
 * seed whose hash was shown before the first entry.
 */
abstract class GiveawayContract {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	GiveawayDraws draws;

	@Autowired
	TransactionTemplate transactions;

	@Value("${spring.datasource.url}")
	String databaseUrl;

	ApiClient api;
	String seller;

	@BeforeEach
	void signIn() {
		api = new ApiClient(port);
		seller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
	}

	@AfterEach
	void resetClock() {
		((ShiftableClock) clock).reset();
	}

	/** A signed-in viewer watching the stream (counted by their heartbeat). */
	String watching(long stream) {
		String viewer = api.token(Unique.user("viewer"), "VIEWER", null);
		assertThat(api.post("/api/streams/" + stream + "/heartbeat", viewer, null).status()).isEqualTo(200);
		return viewer;
	}

	Response open(long stream, String body) {
		return api.post("/api/streams/" + stream + "/giveaways", seller, body);
	}

	Response enter(long giveaway, String token) {
		return api.post("/api/giveaways/" + giveaway + "/entries", token, null);
	}

	static String sha256(String text) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void watchingViewersEnterOnceAndOneWinnerIsDrawnOnceByThePublishedRule() throws Exception {
		long stream = api.liveStream(seller, "Giveaway");
		Response opened = open(stream, "{\"entrySeconds\":60,\"chattersOnly\":false,\"prize\":\"A pair of Court Classics\"}");
		assertThat(opened.status()).isEqualTo(201);
		long id = opened.json().get("id").asLong();
		String seedHash = opened.json().get("seedHash").asString();
		assertThat(opened.json().get("status").asString()).isEqualTo("OPEN");
		assertThat(opened.json().has("seed")).as("the seed stays secret until the draw").isFalse();

		List<String> viewers = List.of(watching(stream), watching(stream), watching(stream));
		for (int i = 0; i < viewers.size(); i++) {
			Response entered = enter(id, viewers.get(i));
			assertThat(entered.status()).isEqualTo(201);
			assertThat(entered.json().get("entryNumber").asInt()).isEqualTo(i + 1);
		}
		assertThat(enter(id, viewers.get(0)).status()).as("once per person").isEqualTo(409);
		assertThat(enter(id, api.token(Unique.user("viewer"), "VIEWER", null)).status()).as("not watching").isEqualTo(403);
		assertThat(enter(id, seller).status()).as("the seller").isEqualTo(403);
		assertThat(enter(id, null).status()).isEqualTo(401);

		((ShiftableClock) clock).advance(Duration.ofSeconds(61));
		assertThat(enter(id, watching(stream)).status()).as("after the close").isEqualTo(409);
		// two drawers at once (as two nodes would be): one draw is recorded
		CompletableFuture.allOf(CompletableFuture.runAsync(draws::drawDue), CompletableFuture.runAsync(draws::drawDue)).join();
		draws.drawDue();

		JsonNode drawn = api.get("/api/giveaways/" + id, null).json();
		assertThat(drawn.get("status").asString()).isEqualTo("DRAWN");
		String seed = drawn.get("seed").asString();
		assertThat(sha256(seed)).as("the seed is the one whose hash was shown before the first entry").isEqualTo(seedHash);
		int expected = new BigInteger(sha256(seed + ":3"), 16).mod(BigInteger.valueOf(3)).intValue() + 1;
		assertThat(drawn.get("entries").asInt()).isEqualTo(3);
		assertThat(drawn.get("winner").get("entryNumber").asInt()).isEqualTo(expected);
		assertThat(drawn.get("winner").has("userId")).as("the winner's id for the seller only").isFalse();
		assertThat(api.get("/api/giveaways/" + id, seller).json().get("winner").get("userId").asString()).startsWith("viewer");
		assertThat(jdbc.sql("select count(*) from giveaways where id = :id and status = 'DRAWN'").param("id", id)
			.query(Long.class).single()).isEqualTo(1);
		assertThat(open(stream, "{\"entrySeconds\":60,\"chattersOnly\":false}").status()).as("a new one once drawn").isEqualTo(201);
	}

	@Test
	void anExcludedPersonCannotEnterAndTheEntryOfOneExcludedAfterEnteringIsNotDrawn() throws Exception {
		long stream = api.liveStream(seller, "Giveaway with a troll");
		long id = open(stream, "{\"entrySeconds\":60,\"chattersOnly\":false}").json().get("id").asLong();
		List<String> users = List.of(Unique.user("fan"), Unique.user("troll"), Unique.user("banned"));
		List<String> tokens = users.stream().map(user -> api.token(user, "VIEWER", null)).toList();
		tokens.forEach(token -> api.post("/api/streams/" + stream + "/heartbeat", token, null));
		assertThat(enter(id, tokens.get(0)).json().get("entryNumber").asInt()).isEqualTo(1);
		assertThat(enter(id, tokens.get(1)).json().get("entryNumber").asInt()).isEqualTo(2);

		Response troll = api.post("/api/giveaways/" + id + "/exclusions", seller, "{\"userId\":\"" + users.get(1) + "\"}");
		assertThat(troll.status()).isEqualTo(200);
		assertThat(troll.json().get("excludedEntries").toString()).isEqualTo("[2]");
		assertThat(api.post("/api/giveaways/" + id + "/exclusions", seller, "{\"userId\":\"" + users.get(2) + "\"}").status())
			.isEqualTo(200);
		Response banned = enter(id, tokens.get(2));
		assertThat(banned.status()).isEqualTo(403);
		assertThat(banned.json().get("detail").asString()).contains("excluded");
		assertThat(api.post("/api/giveaways/" + id + "/exclusions", tokens.get(0), "{\"userId\":\"x\"}").status())
			.as("only the seller or an admin").isEqualTo(403);
		assertThat(api.post("/api/giveaways/" + id + "/exclusions", seller, "{\"userId\":\"\"}").status()).isEqualTo(400);

		((ShiftableClock) clock).advance(Duration.ofSeconds(61));
		draws.drawDue();
		JsonNode drawn = api.get("/api/giveaways/" + id, null).json();
		assertThat(drawn.get("excludedEntries").toString()).isEqualTo("[2]");
		assertThat(drawn.get("winner").get("entryNumber").asInt()).as("the one eligible entry").isEqualTo(1);
		assertThat(api.post("/api/giveaways/" + id + "/exclusions", seller, "{\"userId\":\"late\"}").status())
			.as("after the draw").isEqualTo(409);
	}

	/**
	 * The seller excludes someone while the draw holds the giveaway: the exclusion waits for the draw and is refused,
	 * so the published excluded entries stay the ones the draw left out (an exclusion added beside the draw would
	 * change the list anyone recomputes the winner from).
	 */
	@Test
	void anExclusionThatComesWhileTheDrawRunsIsRefusedAndTheDrawStaysAsPublished() throws Exception {
		long stream = api.liveStream(seller, "Giveaway drawn while its seller excludes");
		long id = open(stream, "{\"entrySeconds\":60,\"chattersOnly\":false}").json().get("id").asLong();
		String fan = Unique.user("fan");
		String token = api.token(fan, "VIEWER", null);
		api.post("/api/streams/" + stream + "/heartbeat", token, null);
		assertThat(enter(id, token).json().get("entryNumber").asInt()).isEqualTo(1);
		((ShiftableClock) clock).advance(Duration.ofSeconds(61));

		CompletableFuture<Response> exclusion = transactions.execute(status -> {
			// the draw's first step, taken here so the exclusion meets it: the giveaway's row locked
			jdbc.sql("select seed from giveaways where id = :id for update").param("id", id).query(String.class).single();
			CompletableFuture<Response> excluding = CompletableFuture.supplyAsync(
					() -> api.post("/api/giveaways/" + id + "/exclusions", seller, "{\"userId\":\"" + fan + "\"}"));
			awaitASessionWaitingForALock();
			// the draw itself, in this transaction (its own joins it), committed with it
			draws.drawDue();
			return excluding;
		});

		Response refused = exclusion.get(20, TimeUnit.SECONDS);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("detail").asString()).contains("was drawn");
		JsonNode drawn = api.get("/api/giveaways/" + id, null).json();
		assertThat(drawn.get("excludedEntries").toString()).isEqualTo("[]");
		assertThat(drawn.get("winner").get("entryNumber").asInt()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from giveaway_exclusions where giveaway_id = :id").param("id", id)
			.query(Long.class).single()).isZero();
	}

	/**
	 * Until another database session waits for a lock (the request reached the row this test holds), for at most
	 * 800 ms: H2 gives up on a lock after 1 s. Each database says it its own way (H2's sessions, PostgreSQL's activity).
	 */
	void awaitASessionWaitingForALock() {
		String waiting = databaseUrl.startsWith("jdbc:h2:")
				? "select count(*) from information_schema.sessions where blocker_id is not null"
				: "select count(*) from pg_stat_activity where wait_event_type = 'Lock'";
		long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
		while (jdbc.sql(waiting).query(Long.class).single() == 0 && System.nanoTime() < giveUpAt) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Test
	void aChattersOnlyGiveawayTakesOnlyViewersWhoWroteInTheChat() {
		long stream = api.liveStream(seller, "Chatters giveaway");
		long id = open(stream, "{\"entrySeconds\":120,\"chattersOnly\":true}").json().get("id").asLong();
		String viewer = watching(stream);
		Response silent = enter(id, viewer);
		assertThat(silent.status()).isEqualTo(403);
		assertThat(silent.json().get("detail").asString()).contains("chat");
		assertThat(api.post("/api/streams/" + stream + "/chat", viewer, "{\"text\":\"Me please!\"}").status()).isEqualTo(201);
		assertThat(enter(id, viewer).status()).isEqualTo(201);
		assertThat(open(stream, "{\"entrySeconds\":120,\"chattersOnly\":false}").status()).as("one at a time").isEqualTo(409);
	}

	@Test
	void badInputOpensNothingAndARehearsalsGiveawayIsPracticeHiddenFromOutsiders() {
		long stream = api.liveStream(seller, "Bad giveaway");
		for (String body : List.of("{\"entrySeconds\":59,\"chattersOnly\":false}", "{\"entrySeconds\":301,\"chattersOnly\":false}",
				"{\"entrySeconds\":60}", "{\"entrySeconds\":\"60\",\"chattersOnly\":false}",
				"{\"entrySeconds\":60,\"chattersOnly\":false,\"prize\":\"" + "x".repeat(121) + "\"}", "[]")) {
			Response refused = open(stream, body);
			assertThat(refused.status()).as(body).isEqualTo(400);
			assertThat(refused.isProblem()).isTrue();
		}
		assertThat(api.get("/api/streams/" + stream + "/giveaways", null).json()).isEmpty();
		assertThat(api.post("/api/streams/" + stream + "/giveaways", api.token(Unique.user("viewer"), "VIEWER", null),
				"{\"entrySeconds\":60,\"chattersOnly\":false}").status()).isEqualTo(403);

		long rehearsal = api.startedStream(seller, "Practice giveaway", "REHEARSAL");
		Response practice = open(rehearsal, "{\"entrySeconds\":60,\"chattersOnly\":false}");
		assertThat(practice.status()).isEqualTo(201);
		assertThat(practice.json().get("practice").asBoolean()).isTrue();
		long id = practice.json().get("id").asLong();
		assertThat(api.get("/api/giveaways/" + id, null).status()).isEqualTo(404);
		assertThat(enter(id, api.token(Unique.user("viewer"), "VIEWER", null)).status()).isEqualTo(404);
	}
}
