package io.livepulse.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Playback ids, encoder sessions and recordings. */
@Repository
class MediaRepository {

	private final JdbcClient jdbc;

	MediaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<String> currentPlaybackId(long streamId) {
		return jdbc.sql("select playback_id from media_playback_ids where current_for = :streamId")
			.param("streamId", streamId).query(String.class).optional();
	}

	/** The stream a playback id was issued to, whether it is still current or not. */
	Optional<PlaybackId> findPlaybackId(String playbackId) {
		return jdbc.sql("select playback_id, stream_id, current_for from media_playback_ids where playback_id = :id")
			.param("id", playbackId)
			.query((rs, row) -> new PlaybackId(rs.getString(1), rs.getLong(2), rs.getObject(3) != null))
			.optional();
	}

	/** Gives a stream its first playback id; false when it already has one (another request was first). */
	boolean issueFirstPlaybackId(long streamId, String playbackId, Instant now) {
		try {
			insertCurrent(streamId, playbackId, now);
			return true;
		}
		catch (DuplicateKeyException alreadyIssued) {
			return false;
		}
	}

	/** Retires the stream's current playback id, if any, and makes this one current. */
	@Transactional
	void replacePlaybackId(long streamId, String playbackId, Instant now) {
		jdbc.sql("update media_playback_ids set current_for = null, retired_at = :now where current_for = :streamId")
			.param("now", timestamp(now)).param("streamId", streamId).update();
		insertCurrent(streamId, playbackId, now);
	}

	private void insertCurrent(long streamId, String playbackId, Instant now) {
		jdbc.sql("""
				insert into media_playback_ids (playback_id, stream_id, current_for, issued_at)
				values (:id, :streamId, :streamId, :now)
				""").param("id", playbackId).param("streamId", streamId).param("now", timestamp(now)).update();
	}

	Optional<EncoderSession> session(long streamId) {
		return jdbc.sql("select * from media_sessions where stream_id = :streamId")
			.param("streamId", streamId).query(MediaRepository::session).optional();
	}

	Optional<EncoderSession> connectedSession(MediaServer server, String clientId) {
		return jdbc.sql("""
				select * from media_sessions
				 where server = :server and client_id = :clientId and state = 'CONNECTED'
				""").param("server", server.name()).param("clientId", clientId)
			.query(MediaRepository::session).list().stream().findFirst();
	}

	List<EncoderSession> sessions(List<Long> streamIds) {
		if (streamIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select * from media_sessions where stream_id in (:ids)")
			.param("ids", streamIds).query(MediaRepository::session).list();
	}

	List<EncoderSession> connectedSessions() {
		return jdbc.sql("select * from media_sessions where state = 'CONNECTED'")
			.query(MediaRepository::session).list();
	}

	/** Sessions whose video has been gone since before the cut-off. */
	List<EncoderSession> disconnectedBefore(Instant cutOff) {
		return jdbc.sql("select * from media_sessions where state = 'DISCONNECTED' and disconnected_at <= :cutOff")
			.param("cutOff", timestamp(cutOff)).query(MediaRepository::session).list();
	}

	/** The encoders still gone that went in {@code (from, upTo]}. */
	List<EncoderSession> disconnectedBetween(Instant from, Instant upTo) {
		return jdbc.sql("""
				select * from media_sessions
				 where state = 'DISCONNECTED' and disconnected_at > :from and disconnected_at <= :upTo
				""").param("from", timestamp(from)).param("upTo", timestamp(upTo)).query(MediaRepository::session).list();
	}

	/**
	 * Makes this client the stream's connected encoder, in place of the session the caller looked at
	 * ({@code seen}, empty when there was none); false when that session changed in between (another
	 * encoder connected first, or the same one came back), so two publishes at once never both get in.
	 */
	boolean connect(long streamId, MediaServer server, String clientId, Instant now, Optional<EncoderSession> seen) {
		if (seen.isPresent()) {
			EncoderSession before = seen.get();
			return jdbc.sql("""
					update media_sessions
					   set server = :server, client_id = :clientId, state = 'CONNECTED', connected_at = :now,
					       last_seen_at = :now, disconnected_at = null
					 where stream_id = :streamId and server = :seenServer and client_id = :seenClient
					   and state = :seenState and connected_at = :seenConnectedAt
					""").param("server", server.name()).param("clientId", clientId).param("now", timestamp(now))
				.param("streamId", streamId).param("seenServer", before.server().name())
				.param("seenClient", before.clientId()).param("seenState", before.state().name())
				.param("seenConnectedAt", timestamp(before.connectedAt())).update() == 1;
		}
		try {
			jdbc.sql("""
					insert into media_sessions (stream_id, server, client_id, state, connected_at, last_seen_at)
					values (:streamId, :server, :clientId, 'CONNECTED', :now, :now)
					""").param("streamId", streamId).param("server", server.name()).param("clientId", clientId)
				.param("now", timestamp(now)).update();
			return true;
		}
		catch (DuplicateKeyException anotherEncoderWasFirst) {
			return false;
		}
	}

	void touch(long streamId, Instant now) {
		jdbc.sql("update media_sessions set last_seen_at = :now where stream_id = :streamId and state = 'CONNECTED'")
			.param("now", timestamp(now)).param("streamId", streamId).update();
	}

	/** Marks the session disconnected if this client is still the connected one; false otherwise. */
	boolean disconnect(long streamId, MediaServer server, String clientId, Instant now) {
		return jdbc.sql("""
				update media_sessions set state = 'DISCONNECTED', disconnected_at = :now
				 where stream_id = :streamId and server = :server and client_id = :clientId and state = 'CONNECTED'
				""").param("now", timestamp(now)).param("streamId", streamId).param("server", server.name())
			.param("clientId", clientId).update() == 1;
	}

	void markEnded(long streamId, Instant now) {
		jdbc.sql("""
				update media_sessions
				   set state = 'ENDED', disconnected_at = coalesce(disconnected_at, :now)
				 where stream_id = :streamId
				""").param("now", timestamp(now)).param("streamId", streamId).update();
	}

	/** False when this recording was already announced. */
	boolean addRecording(long streamId, String fileName, Instant now) {
		try {
			jdbc.sql("insert into media_recordings (stream_id, file_name, recorded_at) values (:streamId, :file, :now)")
				.param("streamId", streamId).param("file", fileName).param("now", timestamp(now)).update();
			return true;
		}
		catch (DuplicateKeyException alreadyKnown) {
			return false;
		}
	}

	List<Recording> recordings(long streamId) {
		return jdbc.sql("select file_name, recorded_at from media_recordings where stream_id = :streamId order by id")
			.param("streamId", streamId)
			.query((rs, row) -> new Recording(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
	}

	record PlaybackId(String value, long streamId, boolean current) {
	}

	record Recording(String fileName, Instant recordedAt) {
	}

	private static EncoderSession session(ResultSet rs, int row) throws SQLException {
		return new EncoderSession(rs.getLong("stream_id"), MediaServer.valueOf(rs.getString("server")),
				rs.getString("client_id"), EncoderSession.State.valueOf(rs.getString("state")),
				instant(rs, "connected_at"), instant(rs, "last_seen_at"), instant(rs, "disconnected_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
