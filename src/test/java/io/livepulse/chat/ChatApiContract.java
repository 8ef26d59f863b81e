package io.livepulse.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.ShiftableClock;
import io.livepulse.support.SseClient;
import tools.jackson.databind.JsonNode;

/** Chat through the HTTP API and the event stream; run on H2 and PostgreSQL. */
abstract class ChatApiContract extends ChatApiFixture {

	@Test
	void aViewerAndTheSellerPostStoredMessagesThatAnyoneReadsOnALiveStream() {
		long id = api.liveStream(seller, "Chat live");

		Response fromViewer = post(id, viewer, "  Does it come in size 42? 👟  ");
		Response fromSeller = post(id, seller, "Yes, 38 to 46");

		assertThat(fromViewer.status()).isEqualTo(201);
		assertThat(fromViewer.json().get("text").asString()).isEqualTo("Does it come in size 42? 👟");
		assertThat(fromViewer.json().get("fromSeller").asBoolean()).isFalse();
		assertThat(fromViewer.json().get("rehearsal").asBoolean()).isFalse();
		assertThat(fromSeller.json().get("fromSeller").asBoolean()).isTrue();
		assertThat(stored(id)).isEqualTo(2);
		Response read = api.get("/api/streams/" + id + "/chat", null);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("messages").findValuesAsString("text"))
			.containsExactly("Does it come in size 42? 👟", "Yes, 38 to 46");
	}

	/**
	 * The chat's own row is the whole write: no listener of a chat message is one Spring Modulith records
	 * in its event publication registry (a row written and updated twice per message halved the durable
	 * messages per second).
	 */
	@Test
	void aPostedMessageWritesNoEventPublication() {
		long id = api.liveStream(seller, "Chat writes");

		assertThat(post(id, viewer, "one").status()).isEqualTo(201);
		assertThat(post(id, seller, "two").status()).isEqualTo(201);

		assertThat(jdbc.sql("select count(*) from event_publication where event_type like '%Chat%'")
			.query(Long.class).single()).isZero();
	}

	@Test
	void controlCharactersAreDroppedAndUnicodeKept() {
		long id = api.liveStream(seller, "Chat clean");

		Response posted = post(id, viewer, "a\u0000b\u202Ec\nd\tЖ漢字😀");

		assertThat(posted.status()).isEqualTo(201);
		assertThat(posted.json().get("text").asString()).isEqualTo("abc d Ж漢字😀");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"empty text               | {\"text\":\"\"}",
		"white space only         | {\"text\":\"   \\t  \"}",
		"control characters only  | {\"text\":\"\\u0000\\u0007\"}",
		"missing text             | {}",
		"null text                | {\"text\":null}" })
	void anEmptyMessageIsAFieldErrorAndNothingIsStored(String about, String body) {
		long id = api.liveStream(seller, "Chat empty");

		Response refused = api.post("/api/streams/" + id + "/chat", viewer, body);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("text");
		assertThat(stored(id)).isZero();
	}

	@Test
	void garbageAndExtraFieldsAreRefusedAndNothingIsStored() {
		long id = api.liveStream(seller, "Chat garbage");

		Response extra = api.post("/api/streams/" + id + "/chat", viewer, "{\"text\":\"hi\",\"userId\":\"someone-else\"}");
		Response notJson = api.post("/api/streams/" + id + "/chat", viewer, "{\"text\":");
		Response wrongType = api.post("/api/streams/" + id + "/chat", viewer, "{\"text\":42}");

		assertThat(List.of(extra.status(), notJson.status(), wrongType.status())).containsOnly(400);
		assertThat(extra.isProblem() && notJson.isProblem() && wrongType.isProblem()).isTrue();
		assertThat(stored(id)).isZero();
	}

	@Test
	void threeHundredCharactersAreKeptAndThreeHundredAndOneRefused() {
		long id = api.liveStream(seller, "Chat long");

		Response longest = post(id, viewer, "😀".repeat(300));
		Response tooLong = post(id, viewer2, "x".repeat(301));

		assertThat(longest.status()).isEqualTo(201);
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("errors").findValuesAsString("field")).containsExactly("text");
		assertThat(stored(id)).isEqualTo(1);
	}

	@Test
	void postingNeedsASignedInCallerAndAStartedStreamThatIsNotOver() {
		long live = api.liveStream(seller, "Chat states");
		Response created = api.post("/api/streams", seller, "{\"title\":\"Not started\"}");
		long notStarted = created.json().get("id").asLong();

		assertThat(post(live, null, "hi").status()).isEqualTo(401);
		assertThat(post(notStarted, viewer, "hi").status()).isEqualTo(409);
		assertThat(post(987_654_321L, viewer, "hi").status()).isEqualTo(404);
		api.post("/api/streams/" + live + "/end", seller, "{\"save\":true}");
		Response ended = post(live, viewer, "hi");
		assertThat(ended.status()).isEqualTo(409);
		assertThat(ended.isProblem()).isTrue();
		assertThat(stored(live) + stored(notStarted)).isZero();
	}

	@Test
	void rehearsalChatIsMarkedAndHiddenFromEveryoneButTheOwnerAndAdmins() {
		long id = api.startedStream(seller, "Chat practice", "REHEARSAL");

		Response practice = post(id, seller, "testing the chat");

		assertThat(practice.status()).isEqualTo(201);
		assertThat(practice.json().get("rehearsal").asBoolean()).isTrue();
		assertThat(post(id, viewer, "sneaking in").status()).isEqualTo(404);
		assertThat(api.get("/api/streams/" + id + "/chat", null).status()).isEqualTo(404);
		assertThat(texts(id, admin)).containsExactly("testing the chat");
	}

	@Test
	void aFloodFromOneUserIsCutAtTheRateLimitWithARetryTime() {
		long id = api.liveStream(seller, "Chat flood");

		// at once: a burst of 3 refilled one a second, which a loaded machine's one-by-one posts could keep up with
		List<Response> flood = api.postAtOnce("/api/streams/" + id + "/chat", viewer, 6,
				i -> "{\"text\":\"spam " + i + "\"}");
		long stored = flood.stream().filter(answer -> answer.status() == 201).count();

		assertThat(flood).extracting(Response::status).containsOnly(201, 429);
		assertThat(stored).isBetween(3L, 4L);
		assertThat(flood).filteredOn(answer -> answer.status() == 429).isNotEmpty().allSatisfy(refused -> {
			assertThat(refused.isProblem()).isTrue();
			assertThat(refused.header("Retry-After")).isEqualTo("1");
		});
		assertThat(stored(id)).isEqualTo(stored);
		assertThat(post(id, viewer2, "another user is not limited").status()).isEqualTo(201);
	}

	@Test
	void theLastFiftyAreReturnedAndBeforePagesBack() {
		long id = api.liveStream(seller, "Chat history");
		for (int i = 1; i <= 55; i++) {
			jdbc.sql("""
					insert into chat_messages (stream_id, user_id, from_seller, body, rehearsal, created_at)
					values (:id, 'v', false, :body, false, current_timestamp)
					""").param("id", id).param("body", "m" + i).update();
		}

		JsonNode messages = api.get("/api/streams/" + id + "/chat", null).json().get("messages");
		assertThat(messages.size()).isEqualTo(50);
		assertThat(messages.get(0).get("text").asString()).isEqualTo("m6");
		assertThat(messages.get(49).get("text").asString()).isEqualTo("m55");
		long oldest = messages.get(0).get("id").asLong();
		assertThat(api.get("/api/streams/" + id + "/chat?before=" + oldest, null).json().get("messages")
			.findValuesAsString("text")).containsExactly("m1", "m2", "m3", "m4", "m5");
		assertThat(api.get("/api/streams/" + id + "/chat?before=abc", null).status()).isEqualTo(400);
	}

	@Test
	void aBurstReachesSubscribersAsChatEventsNewestLastAndADeletionFollows() throws Exception {
		long id = api.liveStream(seller, "Chat push");
		try (SseClient events = SseClient.open(api.baseUrl() + "/api/streams/" + id + "/events")) {
			post(id, viewer, "first");
			long secondId = post(id, viewer, "second").json().get("id").asLong();
			post(id, viewer, "third");
			long postedAt = System.nanoTime(); // the last one acknowledged

			List<String> seen = new java.util.ArrayList<>();
			while (seen.size() < 3) {
				SseClient.Event chat = events.awaitEvent("chat", 3_000);
				assertThat(chat).as("a chat event within 3 s").isNotNull();
				// room for a loaded machine (latency is bench/'s)
				assertThat(chat.receivedNanos() - postedAt).isLessThan(Duration.ofMillis(2_500).toNanos());
				JsonNode body = tools.jackson.databind.json.JsonMapper.builder().build().readTree(chat.data());
				seen.addAll(body.get("messages").findValuesAsString("text"));
			}
			assertThat(seen).containsExactly("first", "second", "third");

			assertThat(api.exchange("DELETE", "/api/streams/" + id + "/chat/" + secondId, seller, null, null,
					java.util.Map.of()).status()).isEqualTo(204);
			SseClient.Event deletion = events.awaitEvent("chat", 2_000, event -> event.data().contains("\"deleted\":[" + secondId + "]"));
			assertThat(deletion).isNotNull();
			assertThat(texts(id, null)).containsExactly("first", "third");
		}
	}

	@Test
	void moderationIsTheSellersOnTheirStreamsAndAdminsAndEveryActionIsAudited() {
		long id = api.liveStream(seller, "Chat moderation");
		long message = post(id, viewer, "rude words").json().get("id").asLong();
		String path = "/api/streams/" + id + "/chat/" + message;

		assertThat(api.exchange("DELETE", path, otherSeller, null, null, java.util.Map.of()).status()).isEqualTo(403);
		assertThat(api.exchange("DELETE", path, viewer, null, null, java.util.Map.of()).status()).isEqualTo(403);
		assertThat(texts(id, null)).containsExactly("rude words");
		assertThat(api.exchange("DELETE", path, admin, null, null, java.util.Map.of()).status()).isEqualTo(204);
		assertThat(api.exchange("DELETE", path, seller, null, null, java.util.Map.of()).status()).isEqualTo(404);
		assertThat(texts(id, null)).isEmpty();

		assertThat(jdbc.sql("select actor, action, target from chat_audit where stream_id = :id").param("id", id)
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list())
			.containsExactly("admin delete message " + message);
	}

	@Test
	void aTimedOutUserIsRefusedWithWhenItEndsUntilTheClockPassesIt() {
		long id = api.liveStream(seller, "Chat timeout");
		String userId = "viewer-timeout-" + System.nanoTime();
		String timedOut = api.token(userId, "VIEWER", null);

		Response timeout = api.post("/api/streams/" + id + "/chat/timeouts", seller,
				"{\"userId\":\"" + userId + "\",\"minutes\":10}");
		Response refused = post(id, timedOut, "let me talk");

		assertThat(timeout.status()).isEqualTo(200);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("reason").asString()).isEqualTo("timed-out");
		assertThat(Instant.parse(refused.json().get("until").asString()))
			.isEqualTo(Instant.parse(timeout.json().get("until").asString()));
		assertThat(post(id, viewer, "others still talk").status()).isEqualTo(201);

		((ShiftableClock) clock).advance(Duration.ofMinutes(11));
		assertThat(post(id, timedOut, "back again").status()).isEqualTo(201);
		assertThat(jdbc.sql("select count(*) from chat_audit where stream_id = :id and action = 'timeout' and actor = :actor")
			.param("id", id).param("actor", sellerId).query(Long.class).single()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"zero minutes      | {\"userId\":\"u\",\"minutes\":0}       | minutes",
		"61 minutes        | {\"userId\":\"u\",\"minutes\":61}      | minutes",
		"missing minutes   | {\"userId\":\"u\"}                    | minutes",
		"missing user      | {\"minutes\":5}                       | userId",
		"user id too long  | {\"userId\":\"%s\",\"minutes\":5}     | userId" })
	void anInvalidTimeoutIsAFieldErrorAndNothingChanges(String about, String body, String field) {
		long id = api.liveStream(seller, "Chat bad timeout");

		Response refused = api.post("/api/streams/" + id + "/chat/timeouts", seller, body.formatted("u".repeat(65)));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").findValuesAsString("field")).contains(field);
		assertThat(jdbc.sql("select count(*) from chat_timeouts where stream_id = :id").param("id", id)
			.query(Long.class).single()).isZero();
	}

	@Test
	void aBannedUserIsRefusedOnEveryStreamOfThatSellerOnly() {
		long first = api.liveStream(seller, "Chat ban 1");
		long second = api.liveStream(seller, "Chat ban 2");
		long elsewhere = api.liveStream(otherSeller, "Chat ban elsewhere");
		String userId = "viewer-banned-" + System.nanoTime();
		String banned = api.token(userId, "VIEWER", null);

		assertThat(api.post("/api/sellers/me/bans", viewer, "{\"userId\":\"" + userId + "\"}").status()).isEqualTo(403);
		assertThat(api.post("/api/sellers/me/bans", seller, "{\"userId\":\"" + userId + "\"}").status()).isEqualTo(200);

		assertThat(post(first, banned, "hello").json().get("reason").asString()).isEqualTo("banned");
		assertThat(post(second, banned, "hello").status()).isEqualTo(403);
		assertThat(post(elsewhere, banned, "hello").status()).isEqualTo(201);
		assertThat(jdbc.sql("select count(*) from chat_audit where vendor_id = :vendor and action = 'ban' and target = :t")
			.param("vendor", vendor).param("t", "user " + userId).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void anAdminModeratingAStreamBansFromItsSellersChatAndAnotherSellerCannot() {
		long moderated = api.liveStream(seller, "Chat ban by an admin");
		long sameSeller = api.liveStream(seller, "Chat ban by an admin, the seller's other stream");
		long elsewhere = api.liveStream(otherSeller, "Chat ban by an admin, elsewhere");
		String userId = "viewer-banned-by-admin-" + System.nanoTime();
		String banned = api.token(userId, "VIEWER", null);
		String bans = "/api/streams/" + moderated + "/chat/bans";

		assertThat(api.post(bans, otherSeller, "{\"userId\":\"" + userId + "\"}").status()).isEqualTo(403);
		assertThat(api.post(bans, viewer, "{\"userId\":\"" + userId + "\"}").status()).isEqualTo(403);
		assertThat(api.post(bans, admin, "{\"userId\":\"\"}").status()).isEqualTo(400);
		assertThat(post(moderated, banned, "before").status()).isEqualTo(201);
		Response ban = api.post(bans, admin, "{\"userId\":\"" + userId + "\"}");

		assertThat(ban.status()).isEqualTo(200);
		assertThat(ban.json().get("vendorId").asLong()).isEqualTo(vendor);
		assertThat(post(moderated, banned, "after").json().get("reason").asString()).isEqualTo("banned");
		assertThat(post(sameSeller, banned, "after").status()).isEqualTo(403);
		assertThat(post(elsewhere, banned, "after").status()).isEqualTo(201);
		assertThat(jdbc.sql("select count(*) from chat_audit where vendor_id = :vendor and action = 'ban' and target = :t")
			.param("vendor", vendor).param("t", "user " + userId).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void chatOffAndSlowModeAreTheStreamsModeratorsToSet() throws Exception {
		long id = api.liveStream(seller, "Chat modes");
		String settings = "/api/streams/" + id + "/chat/settings";

		assertThat(api.put(settings, otherSeller, "{\"enabled\":false,\"slowModeSeconds\":0}").status()).isEqualTo(403);
		assertThat(api.put(settings, seller, "{\"enabled\":true,\"slowModeSeconds\":-1}").status()).isEqualTo(400);
		assertThat(api.put(settings, seller, "{\"enabled\":true}").status()).isEqualTo(400);
		assertThat(api.put(settings, seller, "{\"enabled\":false,\"slowModeSeconds\":0}").status()).isEqualTo(200);
		Response off = post(id, viewer, "anyone?");
		assertThat(off.status()).isEqualTo(409);
		assertThat(off.json().get("reason").asString()).isEqualTo("chat-off");
		assertThat(post(id, seller, "the seller still speaks").status()).isEqualTo(201);

		assertThat(api.put(settings, admin, "{\"enabled\":true,\"slowModeSeconds\":10}").status()).isEqualTo(200);
		assertThat(api.get("/api/streams/" + id + "/chat", null).json().get("slowModeSeconds").asInt()).isEqualTo(10);
		long firstSent = System.nanoTime();
		assertThat(post(id, viewer, "one").status()).isEqualTo(201);
		Response slow = post(id, viewer, "two");
		long secondsBetween = (long) Math.ceil((System.nanoTime() - firstSent) / 1e9);
		assertThat(slow.status()).isEqualTo(429);
		assertThat(slow.json().get("reason").asString()).isEqualTo("slow-mode");
		// 10 s from "one", less what a loaded machine took between the two posts
		assertThat(Integer.parseInt(slow.header("Retry-After"))).isBetween(10 - (int) secondsBetween, 10);
		assertThat(jdbc.sql("select count(*) from chat_audit where stream_id = :id and action = 'settings'")
			.param("id", id).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void timeOutsOfTheSamePersonSentAtOnceAllTakeInOneRow() {
		long id = api.liveStream(seller, "Chat timeouts at once");
		String userId = "viewer-twice-timed-out-" + System.nanoTime();

		List<Response> atOnce = api.postAtOnce("/api/streams/" + id + "/chat/timeouts", seller, 4,
				i -> "{\"userId\":\"" + userId + "\",\"minutes\":" + (5 + i) + "}");

		assertThat(atOnce).extracting(Response::status).containsOnly(200);
		assertThat(jdbc.sql("select count(*) from chat_timeouts where stream_id = :id").param("id", id).query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void inSlowModeMessagesSentAtTheSameMomentPostOneAndTheRestWait() {
		long id = api.liveStream(seller, "Slow mode at once");
		assertThat(api.put("/api/streams/" + id + "/chat/settings", seller, "{\"enabled\":true,\"slowModeSeconds\":60}")
			.status()).isEqualTo(200);

		List<Response> atOnce = api.postAtOnce("/api/streams/" + id + "/chat", viewer, 3,
				i -> "{\"text\":\"at once " + i + "\"}");

		assertThat(atOnce).extracting(Response::status).containsExactlyInAnyOrder(201, 429, 429);
		assertThat(atOnce).filteredOn(answer -> answer.status() == 429)
			.allSatisfy(waiting -> assertThat(waiting.json().get("reason").asString()).isEqualTo("slow-mode"));
		assertThat(jdbc.sql("select count(*) from chat_messages where stream_id = :id").param("id", id).query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aMessageWithABlockedTermIsHeldForReviewUntilTheSellerReleasesIt() throws Exception {
		long id = api.liveStream(seller, "Chat blocked terms");
		String terms = "/api/sellers/me/blocked-terms";
		assertThat(api.put(terms, seller, "{\"terms\":[\"  \"]}").status()).isEqualTo(400);
		assertThat(api.put(terms, viewer, "{\"terms\":[\"x\"]}").status()).isEqualTo(403);
		assertThat(api.put(terms, seller, "{\"terms\":[\"Cheap-Knockoff\"]}").json().get("terms").get(0).asString())
			.isEqualTo("cheap-knockoff");
		assertThat(api.put("/api/admin/blocked-terms", admin, "{\"terms\":[\"scamlink\"]}").status()).isEqualTo(200);
		assertThat(api.put("/api/admin/blocked-terms", seller, "{\"terms\":[]}").status()).isEqualTo(403);
		try {
			try (SseClient events = SseClient.open(api.baseUrl() + "/api/streams/" + id + "/events")) {
				Response held = post(id, viewer, "Buy a CHEAP-KNOCKOFF here");
				Response heldGlobal = post(id, viewer2, "visit scamlink now");
				assertThat(held.status()).isEqualTo(201);
				assertThat(held.json().get("held").asBoolean()).isTrue();
				assertThat(heldGlobal.json().get("held").asBoolean()).isTrue();
				assertThat(texts(id, null)).isEmpty();
				long heldId = held.json().get("id").asLong();
				Response queue = api.get("/api/streams/" + id + "/chat/review", seller);
				assertThat(queue.json().findValuesAsString("text")).containsExactly("Buy a CHEAP-KNOCKOFF here", "visit scamlink now");
				assertThat(api.get("/api/streams/" + id + "/chat/review", otherSeller).status()).isEqualTo(403);
				assertThat(api.post("/api/streams/" + id + "/chat/" + heldId + "/reports", viewer2, null).status()).isEqualTo(404);

				assertThat(api.post("/api/streams/" + id + "/chat/" + heldId + "/release", otherSeller, null).status()).isEqualTo(403);
				assertThat(api.post("/api/streams/" + id + "/chat/" + heldId + "/release", seller, null).status()).isEqualTo(200);
				assertThat(events.awaitEvent("chat", 2_000, event -> event.data().contains("CHEAP-KNOCKOFF"))).isNotNull();
				assertThat(texts(id, null)).containsExactly("Buy a CHEAP-KNOCKOFF here");
				assertThat(api.post("/api/streams/" + id + "/chat/" + heldId + "/release", seller, null).status()).isEqualTo(404);
			}
			assertThat(jdbc.sql("select action from chat_audit where vendor_id in (0, :vendor) and action in ('blocked-terms', 'release') and (stream_id = :id or stream_id is null) order by id desc")
				.param("id", id).param("vendor", vendor).query(String.class).list()).startsWith("release", "blocked-terms", "blocked-terms");
		}
		finally {
			// the terms apply to every test of the class: cleared however this one ends
			api.put("/api/admin/blocked-terms", admin, "{\"terms\":[]}");
			api.put(terms, seller, "{\"terms\":[]}");
		}
	}

	@Test
	void aBlockedTermDisguisedByAnInvisibleCharacterOrLookAlikeLettersIsHeldAndStoredWithoutTheInvisibleOne() {
		long id = api.liveStream(seller, "Chat disguised terms");
		String terms = "/api/sellers/me/blocked-terms";
		assertThat(api.put(terms, seller, "{\"terms\":[\"scam\"]}").status()).isEqualTo(200);
		try {
			Response hidden = post(id, viewer, "great s\u200Bcam here");
			Response lookAlike = post(id, viewer2, "great \u0455\u0441\u0430m here");
			Response fine = post(id, viewer, "great scan here");

			assertThat(hidden.status()).isEqualTo(201);
			assertThat(hidden.json().get("held").asBoolean()).as("zero-width space inside the term").isTrue();
			assertThat(hidden.json().get("text").asString()).isEqualTo("great scam here");
			assertThat(jdbc.sql("select body from chat_messages where id = :id").param("id", hidden.json().get("id").asLong())
				.query(String.class).single()).isEqualTo("great scam here");
			assertThat(lookAlike.json().get("held").asBoolean()).as("Cyrillic letters for Latin ones").isTrue();
			assertThat(fine.json().get("held").asBoolean()).isFalse();
			assertThat(texts(id, null)).containsExactly("great scan here");
			assertThat(api.put(terms, seller, "{\"terms\":[\"\\u200B\"]}").status()).as("a term of only an invisible character")
				.isEqualTo(400);
		}
		finally {
			api.put(terms, seller, "{\"terms\":[]}");
		}
	}

	@Test
	void invisibleCharactersAreDroppedAndJoinedEmojiAndVariationSelectorsKept() {
		long id = api.liveStream(seller, "Chat invisible");

		Response posted = post(id, viewer, "\uFEFFso\u00ADft\u2060 \u200Ehi\u200F \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \u2764\uFE0F");

		assertThat(posted.status()).isEqualTo(201);
		assertThat(posted.json().get("text").asString())
			.isEqualTo("soft hi \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \u2764\uFE0F");
	}

	@Test
	void viewersReportAMessageOnceAndTheQueueShowsHowOften() {
		long id = api.liveStream(seller, "Chat reports");
		long message = post(id, viewer, "questionable").json().get("id").asLong();
		String report = "/api/streams/" + id + "/chat/" + message + "/reports";

		assertThat(api.post(report, null, null).status()).isEqualTo(401);
		assertThat(api.post(report, viewer2, null).status()).isEqualTo(201);
		assertThat(api.post(report, viewer2, null).status()).isEqualTo(200);
		assertThat(api.post(report, seller, null).status()).isEqualTo(201);
		assertThat(api.post("/api/streams/" + id + "/chat/987654321/reports", viewer2, null).status()).isEqualTo(404);

		JsonNode queue = api.get("/api/streams/" + id + "/chat/review", admin).json();
		assertThat(queue.size()).isEqualTo(1);
		assertThat(queue.get(0).get("reports").asLong()).isEqualTo(2);
		assertThat(texts(id, null)).containsExactly("questionable");
	}
}
