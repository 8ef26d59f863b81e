package io.livepulse.presence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code stream_viewers} and saved peaks: joins, closed sessions and watch time, written in batches. */
@Repository
class ViewerLog {

	record Join(long streamId, String viewerId, long atMillis) {
	}

	record Close(long streamId, String viewerId, long joinedAtMillis, long lastSeenMillis) {
	}

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	ViewerLog(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** Inserts first joins; a viewer who joined before keeps its row and its first join time. */
	@Transactional
	void recordJoins(List<Join> joins) {
		template.batchUpdate("""
				insert into stream_viewers (stream_id, viewer_id, is_simulated, joined_at, last_seen_at)
				select ?, ?, false, ?, ?
				 where not exists (select 1 from stream_viewers
				                    where stream_id = ? and viewer_id = ? and is_simulated = false)
				""", joins, 1000, (ps, join) -> {
			ps.setLong(1, join.streamId());
			ps.setString(2, join.viewerId());
			ps.setTimestamp(3, new Timestamp(join.atMillis()));
			ps.setTimestamp(4, new Timestamp(join.atMillis()));
			ps.setLong(5, join.streamId());
			ps.setString(6, join.viewerId());
		});
	}

	/** Adds each closed session's length to the viewer's watch time. */
	@Transactional
	void recordCloses(List<Close> closes) {
		// with several nodes a session may close on one node before the node it joined on wrote its join: the
		// close writes the row first, and that join, when it comes, finds it there
		recordJoins(closes.stream().map(close -> new Join(close.streamId(), close.viewerId(), close.joinedAtMillis()))
			.toList());
		template.batchUpdate("""
				update stream_viewers
				   set last_seen_at = ?, left_at = ?, watch_seconds = watch_seconds + ?
				 where stream_id = ? and viewer_id = ? and is_simulated = false
				""", closes, 500, (ps, close) -> {
			ps.setTimestamp(1, new Timestamp(close.lastSeenMillis()));
			ps.setTimestamp(2, new Timestamp(close.lastSeenMillis()));
			ps.setLong(3, Math.max(0, (close.lastSeenMillis() - close.joinedAtMillis()) / 1000));
			ps.setLong(4, close.streamId());
			ps.setString(5, close.viewerId());
		});
	}

	void savePeak(long streamId, int peak, Instant at) {
		int updated = jdbc.sql("""
				update stream_presence_peaks set peak_viewers = :peak, updated_at = :at
				 where stream_id = :streamId and peak_viewers < :peak
				""").param("peak", peak).param("at", Timestamp.from(at)).param("streamId", streamId).update();
		if (updated == 0 && jdbc.sql("select count(*) from stream_presence_peaks where stream_id = :streamId")
			.param("streamId", streamId).query(Integer.class).single() == 0) {
			try {
				jdbc.sql("insert into stream_presence_peaks (stream_id, peak_viewers, updated_at) values (:streamId, :peak, :at)")
					.param("streamId", streamId).param("peak", peak).param("at", Timestamp.from(at)).update();
			}
			catch (DuplicateKeyException anotherNodeWasFirst) {
				savePeak(streamId, peak, at); // its row is there now: raise it if this peak is higher
			}
		}
	}

	int savedPeak(long streamId) {
		return jdbc.sql("select peak_viewers from stream_presence_peaks where stream_id = :streamId")
			.param("streamId", streamId).query(Integer.class).optional().orElse(0);
	}

	Set<String> viewersWhoJoined(long streamId) {
		return new HashSet<>(jdbc.sql("select viewer_id from stream_viewers where stream_id = :streamId and is_simulated = false")
			.param("streamId", streamId).query(String.class).list());
	}

	/** Average watch time in seconds over all real viewers of a stream, and their number. */
	WatchTime watchTime(long streamId) {
		Map<String, Object> row = new HashMap<>(jdbc.sql("""
				select count(*) as viewers, coalesce(sum(watch_seconds), 0) as total
				  from stream_viewers where stream_id = :streamId and is_simulated = false
				""").param("streamId", streamId).query().singleRow());
		return new WatchTime(((Number) row.get("viewers")).intValue(), ((Number) row.get("total")).longValue());
	}

	record WatchTime(int viewers, long totalSeconds) {
	}
}
