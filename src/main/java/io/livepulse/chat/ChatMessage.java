package io.livepulse.chat;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One chat message as everyone sees it. {@code fromSeller} marks the stream's seller; {@code rehearsal}
 * marks practice chat, which no real figure counts; {@code held} marks a message with a blocked term,
 * shown to no viewer until a moderator releases it.
 */
public record ChatMessage(long id, long streamId, String userId, @Nullable String displayName, boolean fromSeller,
		String text, boolean rehearsal, Instant at, boolean held) {
}
