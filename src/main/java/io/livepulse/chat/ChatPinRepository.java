package io.livepulse.chat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one pinned message of each stream. */
@Repository
class ChatPinRepository {

	private final JdbcClient jdbc;

	ChatPinRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The pinned message, unless it was deleted since. */
	Optional<ChatMessage> pinned(long streamId) {
		return jdbc.sql("select " + ChatRepository.COLUMNS.replaceAll("(\\w+)", "m.$1") + """
				 from chat_pins p join chat_messages m on m.id = p.message_id
				 where p.stream_id = :streamId and m.deleted_at is null and not m.held
				""").param("streamId", streamId).query(ChatRepository::message).optional();
	}

	/** Pins the message in place of any other. */
	void pin(long streamId, long messageId, String by, Instant now) {
		// two first pins at once: one inserts, the other finds the row and moves it (a failed insert caught here
		// would have ended the caller's transaction on PostgreSQL)
		int inserted = jdbc.sql("""
				insert into chat_pins (stream_id, message_id, pinned_by, pinned_at) values (:streamId, :messageId, :by, :now)
				on conflict do nothing""")
			.param("streamId", streamId).param("messageId", messageId).param("by", by).param("now", Timestamp.from(now))
			.update();
		if (inserted == 0) {
			update(streamId, messageId, by, now);
		}
	}

	private int update(long streamId, long messageId, String by, Instant now) {
		return jdbc.sql("update chat_pins set message_id = :messageId, pinned_by = :by, pinned_at = :now where stream_id = :streamId")
			.param("streamId", streamId).param("messageId", messageId).param("by", by).param("now", Timestamp.from(now))
			.update();
	}

	/** True when something was pinned. */
	boolean unpin(long streamId) {
		return jdbc.sql("delete from chat_pins where stream_id = :streamId").param("streamId", streamId).update() == 1;
	}

	/** Takes the pin away when it is this message; true when it was. */
	boolean unpinMessage(long streamId, long messageId) {
		return jdbc.sql("delete from chat_pins where stream_id = :streamId and message_id = :messageId")
			.param("streamId", streamId).param("messageId", messageId).update() == 1;
	}
}
