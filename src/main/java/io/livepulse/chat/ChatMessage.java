package io.livepulse.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One chat message as everyone sees it. {@code fromSeller} marks the stream's seller; {@code rehearsal}
 * marks practice chat, which no real figure counts; {@code held} marks a message with a blocked term,
 * shown to no viewer until a moderator releases it. {@code offsetSeconds}: seconds from the stream's
 * start to the message, where it falls on the replay's timeline. {@code links}: the parts of the text the
 * pages show as links ({@link ChatLinks}), marked with the admins' link hosts when the message is shown.
 */
public record ChatMessage(long id, long streamId, String userId, @Nullable String displayName, boolean fromSeller,
		String text, boolean rehearsal, Instant at, boolean held, long offsetSeconds, List<Link> links) {

	/** A link in the text: from {@code start} (inclusive) to {@code end} (exclusive), in UTF-16 units as pages count. */
	public record Link(int start, int end) {
	}

	/** A message as stored, before it is shown. */
	static ChatMessage stored(long id, long streamId, String userId, @Nullable String displayName, boolean fromSeller,
			String text, boolean rehearsal, Instant at, boolean held) {
		return new ChatMessage(id, streamId, userId, displayName, fromSeller, text, rehearsal, at, held, 0, List.of());
	}

	/**
	 * This message as shown: with its offset from {@code startedAt} (0 when the stream has no start time) and
	 * its links to the hosts the admins allow.
	 */
	ChatMessage shown(@Nullable Instant startedAt, Collection<String> linkHosts) {
		long offset = startedAt == null ? 0 : Math.max(0, Duration.between(startedAt, at).toSeconds());
		return new ChatMessage(id, streamId, userId, displayName, fromSeller, text, rehearsal, at, held, offset,
				ChatLinks.in(text, linkHosts));
	}
}
