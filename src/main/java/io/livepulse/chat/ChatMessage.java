package io.livepulse.chat;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One chat message as everyone sees it. {@code fromSeller} marks the stream's seller; {@code rehearsal}
 * marks practice chat, which no real figure counts; {@code held} marks a message with a blocked term,
 * shown to no viewer until a moderator releases it. {@code offsetSeconds}: seconds from the stream's
 * start to the message, where it falls on the replay's timeline.
 */
public record ChatMessage(long id, long streamId, String userId, @Nullable String displayName, boolean fromSeller,
		String text, boolean rehearsal, Instant at, boolean held, long offsetSeconds) {

	/** This message with its offset from {@code startedAt} (0 when the stream has no start time). */
	ChatMessage placedAfter(@Nullable Instant startedAt) {
		long offset = startedAt == null ? 0 : Math.max(0, Duration.between(startedAt, at).toSeconds());
		return new ChatMessage(id, streamId, userId, displayName, fromSeller, text, rehearsal, at, held, offset);
	}
}
