package io.livepulse.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.livepulse.shared.TextFold;

/** Chat messages, settings, timeouts, bans and the moderation audit. */
@Repository
class ChatRepository {

	static final String COLUMNS = "id, stream_id, user_id, display_name, from_seller, body, rehearsal, created_at, held";

	private final JdbcClient jdbc;

	ChatRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ChatMessage insert(ChatCommits.NewMessage message) {
		KeyHolder keyHolder = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into chat_messages (stream_id, user_id, display_name, from_seller, body, rehearsal, held, created_at)
				values (:streamId, :userId, :name, :seller, :body, :rehearsal, :held, :now)
				""")
			.param("streamId", message.streamId()).param("userId", message.userId()).param("name", message.displayName())
			.param("seller", message.fromSeller()).param("body", message.text()).param("rehearsal", message.rehearsal())
			.param("held", message.held()).param("now", Timestamp.from(message.at()))
			.update(keyHolder, "id");
		long id = keyHolder.getKeyAs(Number.class).longValue();
		return ChatMessage.stored(id, message.streamId(), message.userId(), message.displayName(), message.fromSeller(),
				message.text(), message.rehearsal(), message.at(), message.held());
	}

	/** The newest {@code limit} messages not deleted, oldest first; only those before {@code beforeId} when given. */
	List<ChatMessage> recent(long streamId, Long beforeId, int limit) {
		List<ChatMessage> newestFirst = jdbc.sql("select " + COLUMNS + """
				 from chat_messages
				 where stream_id = :streamId and deleted_at is null and not held and id < :before
				 order by id desc
				 limit :limit
				""")
			.param("streamId", streamId).param("before", beforeId == null ? Long.MAX_VALUE : beforeId)
			.param("limit", limit).query(ChatRepository::message).list();
		return newestFirst.reversed();
	}

	Optional<ChatMessage> find(long streamId, long messageId) {
		return jdbc.sql("select " + COLUMNS + " from chat_messages where id = :id and stream_id = :streamId and deleted_at is null")
			.param("id", messageId).param("streamId", streamId).query(ChatRepository::message).optional();
	}

	boolean delete(long messageId, String by, Instant now) {
		return jdbc.sql("update chat_messages set deleted_at = :now, deleted_by = :by where id = :id and deleted_at is null")
			.param("id", messageId).param("by", by).param("now", Timestamp.from(now)).update() == 1;
	}

	ChatSettings settings(long streamId) {
		return jdbc.sql("select enabled, slow_mode_seconds from chat_settings where stream_id = :streamId")
			.param("streamId", streamId)
			.query((rs, row) -> new ChatSettings(rs.getBoolean("enabled"), rs.getInt("slow_mode_seconds")))
			.optional().orElse(ChatSettings.DEFAULT);
	}

	void saveSettings(long streamId, ChatSettings settings) {
		int updated = jdbc.sql("update chat_settings set enabled = :enabled, slow_mode_seconds = :slow where stream_id = :streamId")
			.param("streamId", streamId).param("enabled", settings.enabled()).param("slow", settings.slowModeSeconds())
			.update();
		if (updated == 0) {
			jdbc.sql("insert into chat_settings (stream_id, enabled, slow_mode_seconds) values (:streamId, :enabled, :slow)")
				.param("streamId", streamId).param("enabled", settings.enabled()).param("slow", settings.slowModeSeconds())
				.update();
		}
	}

	Optional<Instant> timedOutUntil(long streamId, String userId, Instant now) {
		return jdbc.sql("select until from chat_timeouts where stream_id = :streamId and user_id = :userId and until > :now")
			.param("streamId", streamId).param("userId", userId).param("now", Timestamp.from(now))
			.query((rs, row) -> rs.getTimestamp("until").toInstant()).optional();
	}

	void timeOut(long streamId, String userId, Instant until) {
		// two moderators timing the same person out at once: one inserts, the other finds the row and moves it
		// (no failed insert, which would end the caller's transaction on PostgreSQL)
		int inserted = jdbc.sql("""
				insert into chat_timeouts (stream_id, user_id, until) values (:streamId, :userId, :until)
				on conflict do nothing""")
			.param("streamId", streamId).param("userId", userId).param("until", Timestamp.from(until)).update();
		if (inserted == 0) {
			jdbc.sql("update chat_timeouts set until = :until where stream_id = :streamId and user_id = :userId")
				.param("streamId", streamId).param("userId", userId).param("until", Timestamp.from(until)).update();
		}
	}

	boolean isBanned(long vendorId, String userId) {
		return jdbc.sql("select count(*) from chat_bans where vendor_id = :vendorId and user_id = :userId")
			.param("vendorId", vendorId).param("userId", userId).query(Long.class).single() > 0;
	}

	/** False when the user was banned already. */
	boolean ban(long vendorId, String userId, String by, Instant now) {
		if (isBanned(vendorId, userId)) {
			return false;
		}
		jdbc.sql("insert into chat_bans (vendor_id, user_id, banned_by, banned_at) values (:vendorId, :userId, :by, :now)")
			.param("vendorId", vendorId).param("userId", userId).param("by", by).param("now", Timestamp.from(now)).update();
		return true;
	}

	void audit(Long streamId, Long vendorId, String actor, String action, String target, Instant now) {
		jdbc.sql("""
				insert into chat_audit (stream_id, vendor_id, actor, action, target, at)
				values (:streamId, :vendorId, :actor, :action, :target, :now)
				""")
			.param("streamId", streamId).param("vendorId", vendorId).param("actor", actor).param("action", action)
			.param("target", target).param("now", Timestamp.from(now)).update();
	}

	static ChatMessage message(ResultSet rs, int row) throws SQLException {
		return ChatMessage.stored(rs.getLong("id"), rs.getLong("stream_id"), rs.getString("user_id"),
				shownName(rs.getString("display_name")), rs.getBoolean("from_seller"), rs.getString("body"),
				rs.getBoolean("rehearsal"), rs.getTimestamp("created_at").toInstant(), rs.getBoolean("held"));
	}

	/** An author's name without format characters, which names stored before they were dropped may hold. */
	private static @Nullable String shownName(@Nullable String stored) {
		String name = stored == null ? "" : TextFold.withoutFormatCharacters(stored).strip();
		return name.isEmpty() ? null : name;
	}

	/** The seller's terms and the global ones (vendor 0), lower case. */
	List<String> blockedTerms(long vendorId) {
		return jdbc.sql("select term from chat_blocked_terms where vendor_id in (0, :vendorId)").param("vendorId", vendorId)
			.query(String.class).list();
	}

	void replaceBlockedTerms(long vendorId, List<String> terms) {
		jdbc.sql("delete from chat_blocked_terms where vendor_id = :vendorId").param("vendorId", vendorId).update();
		for (String term : terms) {
			jdbc.sql("insert into chat_blocked_terms (vendor_id, term) values (:vendorId, :term)")
				.param("vendorId", vendorId).param("term", term).update();
		}
	}

	boolean release(long streamId, long messageId) {
		return jdbc.sql("update chat_messages set held = false where id = :id and stream_id = :streamId and held and deleted_at is null")
			.param("id", messageId).param("streamId", streamId).update() == 1;
	}

	/** False when this reporter reported the message already (the key says so, also for two reports at once). */
	boolean report(long messageId, String reporterId, Instant now) {
		try {
			jdbc.sql("insert into chat_reports (message_id, reporter_id, reported_at) values (:id, :reporter, :now)")
				.param("id", messageId).param("reporter", reporterId).param("now", Timestamp.from(now)).update();
			return true;
		}
		catch (DuplicateKeyException already) {
			return false;
		}
	}

	/** Held and reported messages of the stream not deleted, each with its number of reports, oldest first. */
	List<ChatReview.Item> review(long streamId) {
		return jdbc.sql("""
				select m.id, m.stream_id, m.user_id, m.display_name, m.from_seller, m.body, m.rehearsal, m.created_at, m.held
				, (select count(*) from chat_reports r where r.message_id = m.id) as reports
				 from chat_messages m
				 where m.stream_id = :streamId and m.deleted_at is null
				   and (m.held or exists (select 1 from chat_reports r where r.message_id = m.id))
				 order by m.id
				""").param("streamId", streamId)
			.query((rs, row) -> new ChatReview.Item(message(rs, row), rs.getLong("reports"))).list();
	}

	/** Held and reported messages not deleted on every stream, newest first, at most {@code limit}. */
	List<ChatReview.Item> reviewAll(int limit) {
		return jdbc.sql("""
				select m.id, m.stream_id, m.user_id, m.display_name, m.from_seller, m.body, m.rehearsal, m.created_at, m.held
				, (select count(*) from chat_reports r where r.message_id = m.id) as reports
				 from chat_messages m
				 where m.deleted_at is null
				   and m.id in (select h.id from chat_messages h where h.held union select r.message_id from chat_reports r)
				 order by m.id desc
				 limit :limit
				""").param("limit", limit)
			.query((rs, row) -> new ChatReview.Item(message(rs, row), rs.getLong("reports"))).list();
	}
}
