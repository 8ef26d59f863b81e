package io.livepulse.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox. A delivery is taken for sending by one node at a time through a conditional update of its lease
 * ({@code locked_until}), so on several nodes each attempt is made once; a node that dies mid-send leaves the
 * lease to run out and the delivery is sent again (same id: endpoints de-duplicate by it).
 */
@Repository
class WebhookDeliveryRepository {

	private static final String COLUMNS = """
			id, endpoint_id, event_type, status, attempts, next_attempt_at, last_attempt_at, last_status, last_error,
			last_duration_ms, created_at""";

	private final JdbcClient jdbc;

	WebhookDeliveryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes the delivery unless this event was written for this endpoint before; whether it was new. */
	boolean insert(String id, long endpointId, WebhookEventType type, String eventKey, String payload, Instant now) {
		// on conflict: several nodes may tell the same event at once (a sale's end); one row, and no failed statement
		// to abort the caller's transaction
		return jdbc.sql("""
				insert into webhook_deliveries (id, endpoint_id, event_type, event_key, payload, status, next_attempt_at, created_at)
				values (:id, :endpointId, :type, :eventKey, :payload, 'PENDING', :now, :now)
				on conflict do nothing""")
			.param("id", id).param("endpointId", endpointId).param("type", type.wireName()).param("eventKey", eventKey)
			.param("payload", payload).param("now", Timestamp.from(now)).update() == 1;
	}

	record Due(String id, long endpointId) {
	}

	/** How many of the oldest due rows a pass looks at for each one it may take. */
	private static final int SCANNED_PER_TAKEN = 20;

	/**
	 * Up to {@code limit} deliveries due now and not leased, oldest first: at most {@code perEndpoint} of each
	 * endpoint, and none of the {@code busy} ones (no free slot here), so the backlog of an endpoint that answers
	 * slowly or not at all never fills the list and holds every other endpoint's deliveries back.
	 */
	List<Due> due(Instant now, int limit, int perEndpoint, Collection<Long> busy) {
		// the window runs over the oldest due rows only (by the due index), not over a whole backlog each pass
		return jdbc.sql("""
				select id, endpoint_id from (
				       select id, endpoint_id, next_attempt_at,
				              row_number() over (partition by endpoint_id order by next_attempt_at) as place
				         from (select id, endpoint_id, next_attempt_at from webhook_deliveries
				                where status = 'PENDING' and next_attempt_at <= :now
				                  and (locked_until is null or locked_until < :now) and endpoint_id not in (:busy)
				                order by next_attempt_at limit :scanned) oldest) due
				 where place <= :perEndpoint order by next_attempt_at limit :limit""")
			.param("now", Timestamp.from(now)).param("perEndpoint", perEndpoint).param("limit", limit)
			.param("scanned", SCANNED_PER_TAKEN * limit)
			// ids start at 1: a list never empty, which "in ()" would need
			.param("busy", busy.isEmpty() ? List.of(0L) : busy)
			.query((rs, row) -> new Due(rs.getString(1), rs.getLong(2))).list();
	}

	/** Leases a due delivery to this node until {@code until} under {@code token}; false when another node took it first. */
	boolean lease(String id, String token, Instant now, Instant until) {
		return jdbc.sql("""
				update webhook_deliveries set locked_until = :until, lease_token = :token
				 where id = :id and status = 'PENDING' and next_attempt_at <= :now and (locked_until is null or locked_until < :now)""")
			.param("until", Timestamp.from(until)).param("token", token).param("id", id).param("now", Timestamp.from(now))
			.update() == 1;
	}

	record Leased(String id, String token, long endpointId, String payload, int attempts) {
	}

	Optional<Leased> leased(String id, String token) {
		return jdbc.sql("select id, endpoint_id, payload, attempts from webhook_deliveries where id = :id and lease_token = :token")
			.param("id", id).param("token", token)
			.query((rs, row) -> new Leased(rs.getString(1), token, rs.getLong(2), rs.getString(3), rs.getInt(4))).optional();
	}

	/**
	 * Records an attempt's outcome (the status after it and, if PENDING, when the next attempt is due), if this lease
	 * still holds the delivery: an attempt that outlived its lease, while another node sent it again, records nothing.
	 */
	void attempted(String id, String token, String status, Instant next, Instant at, @Nullable Integer httpStatus,
			@Nullable String error, int durationMs) {
		jdbc.sql("""
				update webhook_deliveries set status = :status, attempts = attempts + 1, next_attempt_at = :next,
				       locked_until = null, lease_token = null, last_attempt_at = :at, last_status = :httpStatus,
				       last_error = :error, last_duration_ms = :duration
				 where id = :id and lease_token = :token""")
			.param("token", token).param("status", status).param("next", Timestamp.from(next)).param("at", Timestamp.from(at))
			.param("httpStatus", httpStatus).param("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
			.param("duration", durationMs).param("id", id).update();
	}

	List<WebhookDelivery> ofEndpoint(long endpointId, int limit) {
		return jdbc.sql("select " + COLUMNS + " from webhook_deliveries where endpoint_id = :id order by created_at desc, id limit :limit")
			.param("id", endpointId).param("limit", limit).query(WebhookDeliveryRepository::delivery).list();
	}

	Optional<WebhookDelivery> find(String id) {
		return jdbc.sql("select " + COLUMNS + " from webhook_deliveries where id = :id").param("id", id)
			.query(WebhookDeliveryRepository::delivery).optional();
	}

	/** Sends a delivery again now, with its id, whatever its status (one the endpoint took already is sent again too). */
	void redeliver(String id, Instant now) {
		jdbc.sql("update webhook_deliveries set status = 'PENDING', next_attempt_at = :now, locked_until = null, lease_token = null where id = :id")
			.param("now", Timestamp.from(now)).param("id", id).update();
	}

	/** Every FAILED delivery of the endpoint sent again now; how many. */
	int redeliverFailed(long endpointId, Instant now) {
		return jdbc.sql("""
				update webhook_deliveries set status = 'PENDING', next_attempt_at = :now, locked_until = null, lease_token = null
				 where endpoint_id = :id and status = 'FAILED'""")
			.param("now", Timestamp.from(now)).param("id", endpointId).update();
	}

	private static WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
		Timestamp last = rs.getTimestamp(7);
		return new WebhookDelivery(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
				rs.getTimestamp(6).toInstant(), last == null ? null : last.toInstant(), (Integer) rs.getObject(8, Integer.class),
				rs.getString(9), (Integer) rs.getObject(10, Integer.class), rs.getTimestamp(11).toInstant());
	}
}
