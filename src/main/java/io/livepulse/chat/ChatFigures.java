package io.livepulse.chat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A stream's chat in figures, for analytics. They count the audience's messages that viewers saw: not
 * the seller's own, not those held for review (until released), not those a moderator deleted. Real
 * figures count real chat only; a rehearsal's chat (marked {@code rehearsal} on every row) is counted
 * apart as practice and never added to a real figure.
 */
@Service
public class ChatFigures {

	/** What counts: the audience's messages that stayed shown. */
	private static final String COUNTED = "stream_id = :streamId and rehearsal = :rehearsal and not from_seller and not held and deleted_at is null";

	private final JdbcClient jdbc;

	ChatFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param chatters distinct people who wrote
	 * @param messages their messages
	 * @param questions messages ending in a question mark ({@code ?} or the full-width {@code ？})
	 */
	public record Summary(long chatters, long messages, long questions) {

		static final Summary NONE = new Summary(0, 0, 0);
	}

	/** The real figures of a stream (all zero for a rehearsal, whose chat is practice). */
	/** Whether the user wrote in the stream's chat (a message of theirs not deleted): a giveaway's entry rule. */
	public boolean hasWritten(long streamId, String userId) {
		return jdbc.sql("select count(*) from chat_messages where stream_id = :streamId and user_id = :userId and deleted_at is null")
			.param("streamId", streamId).param("userId", userId).query(Long.class).single() > 0;
	}

	public Summary real(long streamId) {
		return summary(streamId, false);
	}

	/** A rehearsal's practice figures (all zero for a live-mode stream). */
	public Summary practice(long streamId) {
		return summary(streamId, true);
	}

	private Summary summary(long streamId, boolean rehearsal) {
		return jdbc.sql("""
				select count(*), count(distinct user_id),
				       coalesce(sum(case when body like :question or body like :wideQuestion then 1 else 0 end), 0)
				  from chat_messages
				 where\s""" + COUNTED)
			.param("streamId", streamId).param("rehearsal", rehearsal)
			.param("question", "%?").param("wideQuestion", "%\uFF1F")
			.query((rs, row) -> new Summary(rs.getLong(2), rs.getLong(1), rs.getLong(3))).optional().orElse(Summary.NONE);
	}

	/**
	 * Real messages in each interval: element {@code i} counts those after {@code boundaries[i-1]} (after
	 * {@code from} for the first) up to and including {@code boundaries[i]}. Boundaries ascend.
	 */
	public long[] realMessagesUpTo(long streamId, @Nullable Instant from, List<Instant> boundaries) {
		long[] counts = new long[boundaries.size()];
		if (boundaries.isEmpty()) {
			return counts;
		}
		Instant lower = from != null ? from : Instant.EPOCH;
		try (Stream<Instant> times = jdbc.sql("select created_at from chat_messages where " + COUNTED
				+ " and created_at > :lower and created_at <= :upper order by created_at")
			.param("streamId", streamId).param("rehearsal", false)
			.param("lower", Timestamp.from(lower)).param("upper", Timestamp.from(boundaries.getLast()))
			.query((rs, row) -> rs.getTimestamp(1).toInstant()).stream()) {
			Iterator<Instant> each = times.iterator();
			int interval = 0;
			while (each.hasNext()) {
				Instant at = each.next();
				while (at.isAfter(boundaries.get(interval))) {
					interval++;
				}
				counts[interval]++;
			}
		}
		return counts;
	}
}
