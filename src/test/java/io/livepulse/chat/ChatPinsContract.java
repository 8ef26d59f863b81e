package io.livepulse.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.ShiftableClock;
import io.livepulse.support.SseClient;
import tools.jackson.databind.JsonNode;

/** Pinning one chat message: who may, what viewers get (the chat read and a pushed event), the audit. */
abstract class ChatPinsContract extends ChatApiFixture {

	Response pin(long streamId, long messageId, String token) {
		return api.post("/api/streams/" + streamId + "/chat/" + messageId + "/pin", token, null);
	}

	Response unpin(long streamId, String token) {
		return api.exchange("DELETE", "/api/streams/" + streamId + "/chat/pin", token, null, null, Map.of());
	}

	JsonNode chat(long streamId) {
		return api.get("/api/streams/" + streamId + "/chat", null).json();
	}

	@Test
	void theSellerPinsAMessageViewersGetItWithinASecondAndAnotherPinReplacesIt() throws Exception {
		long id = api.liveStream(seller, "Pin push");
		long first = post(id, viewer, "Is shipping free?").json().get("id").asLong();
		long second = post(id, viewer2, "What sizes?").json().get("id").asLong();

		try (SseClient events = SseClient.open(api.baseUrl() + "/api/streams/" + id + "/events")) {
			Response pinned = pin(id, first, seller);
			long pinnedAt = System.nanoTime(); // acknowledged: in effect from now on
			assertThat(pinned.status()).isEqualTo(200);
			assertThat(pinned.json().get("text").asString()).isEqualTo("Is shipping free?");
			SseClient.Event event = events.awaitEvent("chat-pin", 3_000);
			assertThat(event).as("a chat-pin event").isNotNull();
			assertThat(event.receivedNanos() - pinnedAt).isLessThan(Duration.ofSeconds(1).toNanos());
			assertThat(event.data()).contains("\"id\":" + first, "Is shipping free?");
			assertThat(chat(id).get("pinned").get("id").asLong()).isEqualTo(first);

			assertThat(pin(id, second, admin).status()).isEqualTo(200);
			assertThat(events.awaitEvent("chat-pin", 2_000, e -> e.data().contains("\"id\":" + second))).isNotNull();
			assertThat(chat(id).get("pinned").get("text").asString()).isEqualTo("What sizes?");

			assertThat(unpin(id, seller).status()).isEqualTo(204);
			SseClient.Event cleared = events.awaitEvent("chat-pin", 2_000, e -> !e.data().contains("\"pinned\""));
			assertThat(cleared).as("an event without a pinned message").isNotNull();
			assertThat(chat(id).has("pinned")).isFalse();
			assertThat(unpin(id, seller).status()).as("nothing pinned is no error").isEqualTo(204);
		}
		assertThat(jdbc.sql("select actor || ' ' || action || ' ' || target from chat_audit where stream_id = :id order by id")
			.param("id", id).query(String.class).list())
			.containsExactly(sellerId + " pin message " + first, "admin pin message " + second, sellerId + " unpin the pinned message");
	}

	@Test
	void firstPinsSentAtTheSameMomentAllTakeAndOneMessageIsPinned() {
		long id = api.liveStream(seller, "Pins at once");
		long message = post(id, viewer, "pin me, all at once").json().get("id").asLong();

		List<Response> atOnce = api.postAtOnce("/api/streams/" + id + "/chat/" + message + "/pin", seller, 4);

		assertThat(atOnce).extracting(Response::status).containsOnly(200);
		assertThat(chat(id).get("pinned").get("id").asLong()).isEqualTo(message);
		assertThat(jdbc.sql("select count(*) from chat_pins where stream_id = :id").param("id", id).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void onlyTheStreamsSellerAndAdminsPinAndAnUnknownMessageIsNotFound() {
		long id = api.liveStream(seller, "Pin rights");
		long message = post(id, viewer, "pin me").json().get("id").asLong();
		long elsewhere = api.liveStream(otherSeller, "Pin elsewhere");
		long foreign = post(elsewhere, viewer, "another stream's message").json().get("id").asLong();

		assertThat(pin(id, message, otherSeller).status()).isEqualTo(403);
		assertThat(pin(id, message, viewer).status()).isEqualTo(403);
		assertThat(pin(id, message, null).status()).isEqualTo(401);
		assertThat(unpin(id, otherSeller).status()).isEqualTo(403);
		Response unknown = pin(id, 987_654_321L, seller);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isProblem()).isTrue();
		assertThat(pin(id, foreign, seller).status()).as("a message of another stream").isEqualTo(404);
		assertThat(pin(987_654_321L, message, admin).status()).isEqualTo(404);
		assertThat(chat(id).has("pinned")).isFalse();
		assertThat(jdbc.sql("select count(*) from chat_pins where stream_id = :id").param("id", id).query(Long.class).single())
			.isZero();
	}

	@Test
	void deletingThePinnedMessageTakesThePinAwayAndAHeldMessageCannotBePinned() throws Exception {
		long id = api.liveStream(seller, "Pin delete");
		long message = post(id, viewer, "pinned then deleted").json().get("id").asLong();
		assertThat(pin(id, message, seller).status()).isEqualTo(200);

		try (SseClient events = SseClient.open(api.baseUrl() + "/api/streams/" + id + "/events")) {
			assertThat(api.exchange("DELETE", "/api/streams/" + id + "/chat/" + message, seller, null, null, Map.of())
				.status()).isEqualTo(204);
			assertThat(events.awaitEvent("chat-pin", 2_000, e -> !e.data().contains("\"pinned\""))).isNotNull();
		}
		assertThat(chat(id).has("pinned")).isFalse();
		assertThat(pin(id, message, seller).status()).as("a deleted message").isEqualTo(404);

		api.put("/api/sellers/me/blocked-terms", seller, "{\"terms\":[\"pinheld\"]}");
		try {
			long held = post(id, viewer2, "a pinheld message").json().get("id").asLong();
			Response refused = pin(id, held, seller);
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.json().get("detail").asString()).contains("release it");
			assertThat(chat(id).has("pinned")).isFalse();
		}
		finally {
			api.put("/api/sellers/me/blocked-terms", seller, "{\"terms\":[]}");
		}
	}

	@Test
	void everyMessageCarriesItsOffsetFromTheStreamsStart() {
		long id = api.liveStream(seller, "Offsets");
		((ShiftableClock) clock).advance(Duration.ofSeconds(95));

		Response posted = post(id, viewer, "ninety-five seconds in");

		assertThat(posted.json().get("offsetSeconds").asLong()).isBetween(95L, 97L);
		JsonNode view = chat(id);
		assertThat(view.get("startedAt").asString()).isNotBlank();
		assertThat(view.get("messages").get(0).get("offsetSeconds").asLong()).isBetween(95L, 97L);
	}
}
