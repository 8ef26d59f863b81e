package io.livepulse.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class WebhookEndpointRepository {

	private static final String COLUMNS = """
			id, owner_user_id, vendor_id, url, events, secret, previous_secret, previous_until, enabled, disabled_reason,
			created_at""";

	private final JdbcClient jdbc;

	WebhookEndpointRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(String owner, @Nullable Long vendorId, String url, Set<WebhookEventType> events, String secret, Instant now) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into webhook_endpoints (owner_user_id, vendor_id, url, events, secret, enabled, created_at, updated_at)
				values (:owner, :vendorId, :url, :events, :secret, true, :now, :now)""")
			.param("owner", owner).param("vendorId", vendorId).param("url", url).param("events", names(events))
			.param("secret", secret).param("now", Timestamp.from(now)).update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	Optional<WebhookEndpoint> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where id = :id").param("id", id)
			.query(WebhookEndpointRepository::endpoint).optional();
	}

	/** A seller's endpoints (vendorId), or the admins' (null). */
	List<WebhookEndpoint> ownedBy(@Nullable Long vendorId) {
		return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where "
				+ (vendorId == null ? "vendor_id is null" : "vendor_id = :vendorId") + " order by id")
			.param("vendorId", vendorId).query(WebhookEndpointRepository::endpoint).list();
	}

	List<WebhookEndpoint> all() {
		return jdbc.sql("select " + COLUMNS + " from webhook_endpoints order by id").query(WebhookEndpointRepository::endpoint).list();
	}

	/** The enabled endpoints that hear of a stream of this vendor: the vendor's own and the admins'. */
	List<WebhookEndpoint> listeningTo(long vendorId) {
		return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where enabled and (vendor_id is null or vendor_id = :vendorId)")
			.param("vendorId", vendorId).query(WebhookEndpointRepository::endpoint).list();
	}

	void update(long id, String url, Set<WebhookEventType> events, boolean enabled, Instant now) {
		jdbc.sql("""
				update webhook_endpoints set url = :url, events = :events, enabled = :enabled,
				       disabled_reason = case when :enabled then null else disabled_reason end, updated_at = :now
				 where id = :id""")
			.param("url", url).param("events", names(events)).param("enabled", enabled).param("now", Timestamp.from(now))
			.param("id", id).update();
	}

	void disable(long id, String reason, Instant now) {
		jdbc.sql("update webhook_endpoints set enabled = false, disabled_reason = :reason, updated_at = :now where id = :id")
			.param("reason", reason).param("now", Timestamp.from(now)).param("id", id).update();
	}

	void rotate(long id, String newSecret, Instant previousUntil, Instant now) {
		jdbc.sql("""
				update webhook_endpoints set previous_secret = secret, previous_until = :until, secret = :secret, updated_at = :now
				 where id = :id""")
			.param("until", Timestamp.from(previousUntil)).param("secret", newSecret).param("now", Timestamp.from(now))
			.param("id", id).update();
	}

	/**
	 * The endpoint and its deliveries, in one transaction that locks the endpoint first: a delivery written for it
	 * meanwhile either commits before (and is deleted with it) or finds the endpoint gone (and is left out).
	 */
	@Transactional
	void delete(long id) {
		jdbc.sql("select id from webhook_endpoints where id = :id for update").param("id", id).query(Long.class).optional();
		jdbc.sql("delete from webhook_deliveries where endpoint_id = :id").param("id", id).update();
		jdbc.sql("delete from webhook_endpoints where id = :id").param("id", id).update();
	}

	int count(@Nullable Long vendorId) {
		return ownedBy(vendorId).size();
	}

	private static String names(Set<WebhookEventType> events) {
		return events.stream().map(WebhookEventType::wireName).sorted().collect(Collectors.joining(","));
	}

	private static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
		Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
		Arrays.stream(rs.getString(5).split(",")).map(WebhookEventType::named).flatMap(Optional::stream).forEach(events::add);
		Timestamp previousUntil = rs.getTimestamp(8);
		return new WebhookEndpoint(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class), rs.getString(4), events,
				rs.getString(6), rs.getString(7), previousUntil == null ? null : previousUntil.toInstant(), rs.getBoolean(9),
				rs.getString(10), rs.getTimestamp(11).toInstant());
	}
}
