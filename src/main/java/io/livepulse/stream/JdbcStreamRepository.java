package io.livepulse.stream;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.livepulse.settings.StreamSettings;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Streams and replays; a stream key is stored only as its hash and sealed ({@link StreamKeyCipher}). */
@Repository
class JdbcStreamRepository {

	private static final String COLUMNS = """
			id, vendor_id, title, description, scheduled_at, mode, status, created_at, started_at, ended_at,
			final_viewers, like_count, peak_viewers, unique_viewers, revenue_minor, currency, orders,
			duration_seconds, settings_snapshot, seller_name
			""";

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final StreamKeyCipher keys;
	private final ObjectNode defaultSettings;

	JdbcStreamRepository(JdbcClient jdbc, JsonMapper json, StreamKeyCipher keys) {
		this.jdbc = jdbc;
		this.json = json;
		this.keys = keys;
		this.defaultSettings = json.valueToTree(StreamSettings.DEFAULTS);
	}

	long insert(long vendorId, String title, String description, Instant scheduledAt, StreamMode mode,
			StreamKey key, Instant createdAt, StreamSettings settings, String sellerName) {
		KeyHolder keyHolder = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into live_streams (vendor_id, title, description, scheduled_at, mode, status, stream_key_hash,
				                          stream_key_sealed, created_at, settings_snapshot, seller_name)
				values (:vendorId, :title, :description, :scheduledAt, :mode, 'CREATED', :keyHash, :keySealed, :createdAt,
				        :settings, :sellerName)
				""")
			.param("vendorId", vendorId).param("title", title).param("description", description)
			.param("sellerName", sellerName)
			.param("scheduledAt", timestamp(scheduledAt)).param("mode", mode.name())
			.param("keyHash", StreamKeyCipher.hash(key.value())).param("keySealed", keys.seal(key))
			.param("createdAt", timestamp(createdAt)).param("settings", json.writeValueAsString(settings))
			.update(keyHolder, "id");
		return keyHolder.getKeyAs(Number.class).longValue();
	}

	Optional<Stream> findById(long id) {
		return jdbc.sql("select " + COLUMNS + " from live_streams where id = :id")
			.param("id", id).query(this::mapStream).optional();
	}

	Optional<Long> idOfKey(String key) {
		return jdbc.sql("select id from live_streams where stream_key_hash = :hash")
			.param("hash", StreamKeyCipher.hash(key)).query(Long.class).optional();
	}

	/** The stream's current key; {@link StreamKeyCipher.Unreadable} when it was sealed under another secret. */
	Optional<StreamKey> keyOf(long id) {
		return jdbc.sql("select stream_key_sealed from live_streams where id = :id")
			.param("id", id).query(String.class).optional().map(keys::open);
	}

	List<Stream> findPublic(StreamStatus status) {
		return jdbc.sql("select " + COLUMNS + """
				  from live_streams
				 where mode = 'LIVE' and (cast(:status as varchar(16)) is null or status = :status)
				 order by coalesce(started_at, created_at) desc, id desc
				 limit 500
				""")
			.param("status", status == null ? null : status.name()).query(this::mapStream).list();
	}

	List<Stream> findByVendor(long vendorId) {
		return jdbc.sql("select " + COLUMNS + " from live_streams where vendor_id = :vendorId order by id desc")
			.param("vendorId", vendorId).query(this::mapStream).list();
	}

	List<Stream> findAll(StreamStatus status) {
		return jdbc.sql("select " + COLUMNS + """
				  from live_streams
				 where cast(:status as varchar(16)) is null or status = :status
				 order by id desc
				""")
			.param("status", status == null ? null : status.name()).query(this::mapStream).list();
	}

	boolean replaceKey(long id, StreamKey key) {
		return jdbc.sql("""
				update live_streams set stream_key_hash = :keyHash, stream_key_sealed = :keySealed
				 where id = :id and status <> 'ENDED'
				""")
			.param("keyHash", StreamKeyCipher.hash(key.value())).param("keySealed", keys.seal(key)).param("id", id)
			.update() == 1;
	}

	Optional<StreamStatus> lockStatus(long id) {
		return jdbc.sql("select status from live_streams where id = :id for update")
			.param("id", id).query((rs, row) -> StreamStatus.valueOf(rs.getString(1))).optional();
	}

	boolean markLive(long id, Instant startedAt) {
		return jdbc.sql("update live_streams set status = 'LIVE', started_at = :at where id = :id and status = 'CREATED'")
			.param("at", timestamp(startedAt)).param("id", id).update() == 1;
	}

	/** Ends the stream unless it has ended; {@code replayRequested} is kept for whoever finishes the end. */
	boolean markEnded(long id, Instant endedAt, boolean replayRequested) {
		return jdbc.sql("""
				update live_streams set status = 'ENDED', ended_at = :at, replay_requested = :replay
				 where id = :id and status <> 'ENDED'
				""").param("at", timestamp(endedAt)).param("replay", replayRequested).param("id", id).update() == 1;
	}

	boolean replayRequested(long id) {
		return jdbc.sql("select replay_requested from live_streams where id = :id").param("id", id)
			.query(Boolean.class).optional().orElse(false);
	}

	/** The status of each stream, with "+metrics" once its final metrics are stored (see {@link StreamCache#stateOf}). */
	Map<Long, String> states(List<Long> ids) {
		Map<Long, String> states = new HashMap<>();
		jdbc.sql("select id, status, duration_seconds from live_streams where id in (:ids)").param("ids", ids)
			.query((RowCallbackHandler) rs -> states.put(rs.getLong("id"),
					rs.getString("status") + (rs.getObject("duration_seconds") == null ? "" : "+metrics")));
		return states;
	}

	/** Stores the final metrics of an ended stream unless it has them already; false when it had. */
	boolean storeFinalMetrics(long id, FinalMetrics metrics) {
		return jdbc.sql("""
				update live_streams
				   set final_viewers = :finalViewers, like_count = :likes, peak_viewers = :peak,
				       unique_viewers = :unique, revenue_minor = :revenue, currency = :currency, orders = :orders,
				       duration_seconds = :duration
				 where id = :id and status = 'ENDED' and duration_seconds is null
				""")
			.param("finalViewers", metrics.finalViewers()).param("likes", metrics.likes())
			.param("peak", metrics.peakViewers()).param("unique", metrics.uniqueViewers())
			.param("revenue", metrics.revenueMinor()).param("currency", metrics.currency())
			.param("orders", metrics.orders()).param("duration", metrics.durationSeconds()).param("id", id)
			.update() == 1;
	}

	/** Streams ended before {@code endedBefore} whose final metrics were never stored (the freeze never finished). */
	List<Stream> endedWithoutFinalMetrics(Instant endedBefore) {
		return jdbc.sql("select " + COLUMNS + """
				 from live_streams where status = 'ENDED' and duration_seconds is null and ended_at < :before""")
			.param("before", timestamp(endedBefore)).query(this::mapStream).list();
	}

	boolean insertReplay(Stream stream, String recordingUrl, FinalMetrics metrics, Instant savedAt) {
		try {
			jdbc.sql("""
				insert into saved_streams (stream_id, vendor_id, title, recording_url, final_viewers, like_count,
				                           peak_viewers, unique_viewers, revenue_minor, currency, orders,
				                           duration_seconds, saved_at)
				values (:streamId, :vendorId, :title, :url, :finalViewers, :likes, :peak, :unique, :revenue,
				        :currency, :orders, :duration, :savedAt)
				""")
			.param("streamId", stream.id()).param("vendorId", stream.vendorId()).param("title", stream.title())
			.param("url", recordingUrl).param("finalViewers", metrics.finalViewers()).param("likes", metrics.likes())
			.param("peak", metrics.peakViewers()).param("unique", metrics.uniqueViewers())
			.param("revenue", metrics.revenueMinor()).param("currency", metrics.currency())
			.param("orders", metrics.orders()).param("duration", metrics.durationSeconds())
			.param("savedAt", timestamp(savedAt))
			.update();
		}
		catch (DuplicateKeyException alreadySaved) {
			return false;
		}
		return true;
	}

	List<Replay> replaysOf(long vendorId) {
		return jdbc.sql("""
				select r.id, r.stream_id, r.vendor_id, r.title, s.mode, r.recording_url, r.final_viewers, r.like_count,
				       r.peak_viewers, r.unique_viewers, r.revenue_minor, r.currency, r.orders, r.duration_seconds,
				       r.saved_at
				  from saved_streams r
				  join live_streams s on s.id = r.stream_id
				 where r.vendor_id = :vendorId
				 order by r.saved_at desc, r.id desc
				""")
			.param("vendorId", vendorId)
			.query((rs, row) -> new Replay(rs.getLong("id"), rs.getLong("stream_id"), rs.getLong("vendor_id"),
					rs.getString("title"), StreamMode.valueOf(rs.getString("mode")), rs.getString("recording_url"),
					metrics(rs),
					rs.getTimestamp("saved_at").toInstant()))
			.list();
	}

	private Stream mapStream(ResultSet rs, int row) throws SQLException {
		FinalMetrics metrics = rs.getObject("duration_seconds") == null ? null : metrics(rs);
		return new Stream(rs.getLong("id"), rs.getLong("vendor_id"), rs.getString("title"),
				rs.getString("description"), instant(rs, "scheduled_at"), StreamMode.valueOf(rs.getString("mode")),
				StreamStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "started_at"),
				instant(rs, "ended_at"), settings(rs.getString("settings_snapshot")),
				metrics, rs.getString("seller_name"));
	}

	/** A snapshot taken before a setting existed gets that setting's default. */
	private StreamSettings settings(String snapshot) {
		ObjectNode merged = defaultSettings.deepCopy();
		merged.setAll((ObjectNode) json.readTree(snapshot));
		return json.treeToValue(merged, StreamSettings.class);
	}

	private static FinalMetrics metrics(ResultSet rs) throws SQLException {
		return new FinalMetrics(rs.getInt("final_viewers"), rs.getLong("like_count"), rs.getInt("peak_viewers"),
				rs.getInt("unique_viewers"), rs.getLong("revenue_minor"), rs.getString("currency"),
				rs.getInt("orders"), rs.getLong("duration_seconds"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
