package io.livepulse.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.livepulse.support.FastFigures;
import io.livepulse.support.ShiftableClock;
import tools.jackson.databind.JsonNode;

/**
 * Chat in analytics and on the replay: chatters, messages, questions and messages per minute count the
 * audience's shown real messages only; a rehearsal's chat is practice, reported apart; an ended stream's
 * chat is read in full, page by page, each message with its offset from the start.
 */
@FastFigures
abstract class ChatFiguresContract extends ChatApiFixture {

	JsonNode report(long streamId) {
		return api.get("/api/streams/" + streamId + "/analytics", seller).json();
	}

	@Test
	void chattersMessagesAndQuestionsCountTheAudiencesShownMessagesOnly() {
		long id = api.liveStream(seller, "Chat figures");
		api.put("/api/sellers/me/blocked-terms", seller, "{\"terms\":[\"figureheld\"]}");
		try {
			post(id, viewer, "Does it come in 42?");
			post(id, viewer, "nice colours");
			post(id, viewer2, "Price？");
			long spam = post(id, viewer2, "spam spam?").json().get("id").asLong();
			api.exchange("DELETE", "/api/streams/" + id + "/chat/" + spam, seller, null, null, Map.of());
			post(id, seller, "Any more questions?");
			post(id, api.token("viewer-held-" + System.nanoTime(), "VIEWER", null), "a figureheld question?");
		}
		finally {
			api.put("/api/sellers/me/blocked-terms", seller, "{\"terms\":[]}");
		}

		JsonNode report = report(id);

		assertThat(report.get("chatters").asLong()).as("two viewers; not the seller, not a held-only writer").isEqualTo(2);
		assertThat(report.get("chatMessages").asLong()).as("deleted, held and the seller's own not counted").isEqualTo(3);
		assertThat(report.get("questions").asLong()).as("ending in ? or ？").isEqualTo(2);
		assertThat(report.has("practiceChat")).isFalse();
	}

	@Test
	void theTimelinesMessagesPerMinuteAddUpToTheMessages() {
		long id = api.liveStream(seller, "Chat rate");
		post(id, viewer, "one");
		post(id, viewer2, "two");
		post(id, viewer, "three");
		Instant lastPost = clock.instant();

		JsonNode timeline = await().atMost(Duration.ofSeconds(5)).until(() -> report(id).get("timeline"),
				samples -> samples.size() > 0 && Instant.parse(samples.get(samples.size() - 1).get("at").asString()).isAfter(lastPost));

		Instant previous = Instant.parse(api.get("/api/streams/" + id + "/chat", null).json().get("startedAt").asString());
		double messages = 0;
		for (JsonNode sample : timeline) {
			Instant at = Instant.parse(sample.get("at").asString());
			messages += sample.get("messagesPerMinute").asDouble() * (at.toEpochMilli() - previous.toEpochMilli()) / 60_000.0;
			previous = at;
		}
		assertThat(messages).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.05));
		((ShiftableClock) clock).advance(Duration.ofMinutes(2));
		// two minutes on the clock, plus the real seconds the test took so far: the rate is over both
		JsonNode twoMinutesOn = report(id);
		assertThat(twoMinutesOn.get("durationSeconds").asLong()).isBetween(120L, 150L);
		assertThat(twoMinutesOn.get("messagesPerMinute").asDouble()).as("3 messages in about 2 minutes")
			.isCloseTo(3 * 60.0 / twoMinutesOn.get("durationSeconds").asLong(), org.assertj.core.data.Offset.offset(0.01));
		assertThat(api.get("/api/streams/" + id + "/analytics.csv", seller).body().lines().findFirst().orElseThrow())
			.contains("real_chat_messages_per_minute");
	}

	@Test
	void rehearsalChatIsPracticeAndNeverARealFigure() {
		long id = api.startedStream(seller, "Chat practice figures", "REHEARSAL");
		post(id, seller, "testing?");
		post(id, admin, "can you hear me?");

		JsonNode report = report(id);

		assertThat(report.get("chatters").asLong()).isZero();
		assertThat(report.get("chatMessages").asLong()).isZero();
		assertThat(report.get("questions").asLong()).isZero();
		assertThat(report.get("timeline").valueStream().mapToDouble(s -> s.get("messagesPerMinute").asDouble()).sum()).isZero();
		JsonNode practice = report.get("practiceChat");
		assertThat(practice.get("chatters").asLong()).isEqualTo(1);
		assertThat(practice.get("messages").asLong()).isEqualTo(1);
		assertThat(practice.get("questions").asLong()).isEqualTo(1);
	}

	@Test
	void anEndedStreamsChatIsReadInFullPageByPageWithEachOffset() {
		long id = api.liveStream(seller, "Chat replay");
		java.time.Instant wentLive = clock.instant(); // fixed: 60 inserts on a loaded machine must not shift the offsets
		for (int i = 1; i <= 60; i++) {
			jdbc.sql("""
					insert into chat_messages (stream_id, user_id, from_seller, body, rehearsal, created_at)
					values (:id, 'v', false, :body, false, :at)
					""").param("id", id).param("body", "m" + i)
				.param("at", java.sql.Timestamp.from(wentLive.plusSeconds(i))).update();
		}
		((ShiftableClock) clock).advance(Duration.ofSeconds(61));
		api.post("/api/streams/" + id + "/end", seller, "{\"save\":true}");

		JsonNode newest = api.get("/api/streams/" + id + "/chat", null).json();
		long oldest = newest.get("messages").get(0).get("id").asLong();
		JsonNode earlier = api.get("/api/streams/" + id + "/chat?before=" + oldest, null).json().get("messages");

		assertThat(newest.get("messages").size()).isEqualTo(50);
		assertThat(earlier.findValuesAsString("text")).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10");
		List<Long> offsets = earlier.valueStream().map(m -> m.get("offsetSeconds").asLong()).toList();
		assertThat(offsets.get(0)).isBetween(1L, 2L);
		assertThat(offsets).isSorted();
		assertThat(newest.get("messages").get(49).get("offsetSeconds").asLong()).isBetween(60L, 61L);
	}
}
