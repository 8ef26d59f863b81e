package io.livepulse.sales;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Flash sales, their buyers' units and their claims. Units move only through conditional updates
 * ({@code units_taken + q <= stock}, {@code units + q <= per_buyer_limit}), so concurrent claims on any
 * number of nodes can never oversell or pass a buyer's limit; the callers run them in one transaction.
 */
@Repository
class FlashSaleRepository {

	private static final String COLUMNS = """
			id, stream_id, product_id, title, image_url, price_minor, currency, stock, per_buyer_limit, units_taken,
			units_confirmed, starts_at, ends_at, stopped_at, is_simulated""";

	private final JdbcClient jdbc;

	FlashSaleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long streamId, long productId, String title, @Nullable String imageUrl, long priceMinor, String currency,
			int stock, int perBuyerLimit, Instant startsAt, Instant endsAt, boolean practice, String createdBy, Instant now) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into flash_sales (stream_id, product_id, title, image_url, price_minor, currency, stock,
				                         per_buyer_limit, starts_at, ends_at, is_simulated, created_by, created_at)
				values (:streamId, :productId, :title, :imageUrl, :price, :currency, :stock, :limit, :startsAt, :endsAt,
				        :practice, :createdBy, :now)""")
			.param("streamId", streamId).param("productId", productId).param("title", title).param("imageUrl", imageUrl)
			.param("price", priceMinor).param("currency", currency).param("stock", stock).param("limit", perBuyerLimit)
			.param("startsAt", timestamp(startsAt)).param("endsAt", timestamp(endsAt)).param("practice", practice)
			.param("createdBy", createdBy).param("now", timestamp(now))
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	Optional<FlashSale> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from flash_sales where id = :id").param("id", id)
			.query(FlashSaleRepository::sale).optional();
	}

	/** The stream's sales, newest first. */
	List<FlashSale> ofStream(long streamId, int limit) {
		return jdbc.sql("select " + COLUMNS + " from flash_sales where stream_id = :streamId order by id desc limit :limit")
			.param("streamId", streamId).param("limit", limit).query(FlashSaleRepository::sale).list();
	}

	/** Sales not stopped whose time runs out (or ran out) after {@code since}. */
	List<Long> notStoppedEndingAfter(Instant since) {
		return jdbc.sql("select id from flash_sales where stopped_at is null and ends_at > :since").param("since", timestamp(since))
			.query(Long.class).list();
	}

	/** Whether the stream has a sale that has not ended or been stopped (one at a time per stream). */
	boolean hasOpenSale(long streamId, Instant now) {
		return jdbc.sql("select count(*) from flash_sales where stream_id = :streamId and stopped_at is null and ends_at > :now")
			.param("streamId", streamId).param("now", timestamp(now)).query(Long.class).single() > 0;
	}

	/** Takes units from a running sale; false when it is not running or has fewer left. */
	boolean takeUnits(long saleId, int quantity, Instant now) {
		return jdbc.sql("""
				update flash_sales set units_taken = units_taken + :q
				 where id = :id and stopped_at is null and starts_at <= :now and ends_at > :now
				   and units_taken + :q <= stock""")
			.param("q", quantity).param("id", saleId).param("now", timestamp(now)).update() == 1;
	}

	/** Gives the buyer a row of their own on the sale (0 units) if they have none (also against another node's insert). */
	void ensureBuyer(long saleId, String userId) {
		jdbc.sql("insert into flash_sale_buyers (sale_id, user_id, units) values (:saleId, :userId, 0) on conflict do nothing")
			.param("saleId", saleId).param("userId", userId).update();
	}

	/** Returns units a claim took in its transaction when the claim is refused after all (its buyer's limit). */
	void giveBackUnits(long saleId, int quantity) {
		jdbc.sql("update flash_sales set units_taken = units_taken - :q where id = :id").param("q", quantity).param("id", saleId)
			.update();
	}

	/** Adds units to the buyer's total on the sale (their row exists: {@link #ensureBuyer}); false past the limit. */
	boolean addBuyerUnits(long saleId, String userId, int quantity, int limit) {
		return jdbc.sql("update flash_sale_buyers set units = units + :q where sale_id = :saleId and user_id = :userId "
				+ "and units + :q <= :limit")
			.param("q", quantity).param("saleId", saleId).param("userId", userId).param("limit", limit).update() == 1;
	}

	void insertClaim(String claimId, long saleId, String userId, int quantity, Instant holdUntil, Instant now) {
		jdbc.sql("""
				insert into flash_sale_claims (id, sale_id, user_id, quantity, status, hold_until, created_at)
				values (:id, :saleId, :userId, :q, 'HELD', :holdUntil, :now)""")
			.param("id", claimId).param("saleId", saleId).param("userId", userId).param("q", quantity)
			.param("holdUntil", timestamp(holdUntil)).param("now", timestamp(now)).update();
	}

	Optional<Claim> claim(String claimId) {
		return jdbc.sql("select id, sale_id, user_id, quantity, status, hold_until, order_id from flash_sale_claims where id = :id")
			.param("id", claimId)
			.query((rs, row) -> new Claim(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
					rs.getTimestamp(6).toInstant(), rs.getString(7)))
			.optional();
	}

	/** Settles a held claim with its order; false when it is no longer held (settled, or its hold ran out). */
	boolean confirm(Claim claim, String orderId, Instant now) {
		boolean settled = jdbc.sql("""
				update flash_sale_claims set status = 'CONFIRMED', order_id = :orderId, settled_at = :now
				 where id = :id and status = 'HELD' and hold_until > :now""")
			.param("orderId", orderId).param("now", timestamp(now)).param("id", claim.id()).update() == 1;
		if (settled) {
			jdbc.sql("update flash_sales set units_confirmed = units_confirmed + :q where id = :saleId")
				.param("q", claim.quantity()).param("saleId", claim.saleId()).update();
		}
		return settled;
	}

	/** Up to {@code limit} claims still held past their hold. */
	List<Claim> expiredHolds(Instant now, int limit) {
		return jdbc.sql("""
				select id, sale_id, user_id, quantity, status, hold_until, order_id from flash_sale_claims
				 where status = 'HELD' and hold_until <= :now order by hold_until limit :limit""")
			.param("now", timestamp(now)).param("limit", limit)
			.query((rs, row) -> new Claim(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
					rs.getTimestamp(6).toInstant(), rs.getString(7)))
			.list();
	}

	/** Expires a held claim and gives its units back to the sale and the buyer; false when it was settled meanwhile. */
	boolean expire(Claim claim, Instant now) {
		boolean expired = jdbc.sql("update flash_sale_claims set status = 'EXPIRED', settled_at = :now where id = :id and status = 'HELD'")
			.param("now", timestamp(now)).param("id", claim.id()).update() == 1;
		if (expired) {
			jdbc.sql("update flash_sales set units_taken = units_taken - :q where id = :saleId")
				.param("q", claim.quantity()).param("saleId", claim.saleId()).update();
			jdbc.sql("update flash_sale_buyers set units = units - :q where sale_id = :saleId and user_id = :userId")
				.param("q", claim.quantity()).param("saleId", claim.saleId()).param("userId", claim.userId()).update();
		}
		return expired;
	}

	boolean stop(long saleId, String by, Instant now) {
		return jdbc.sql("update flash_sales set stopped_at = :now, stopped_by = :by where id = :id and stopped_at is null and ends_at > :now")
			.param("now", timestamp(now)).param("by", by).param("id", saleId).update() == 1;
	}

	/** Stops every open sale of an ended stream. */
	int stopAllOf(long streamId, Instant now) {
		return jdbc.sql("update flash_sales set stopped_at = :now, stopped_by = 'stream-ended' where stream_id = :streamId "
				+ "and stopped_at is null and ends_at > :now")
			.param("now", timestamp(now)).param("streamId", streamId).update();
	}

	record Claim(String id, long saleId, String userId, int quantity, String status, Instant holdUntil,
			@Nullable String orderId) {
	}

	private static FlashSale sale(ResultSet rs, int row) throws SQLException {
		Timestamp stopped = rs.getTimestamp(14);
		return new FlashSale(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getLong(6),
				rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getTimestamp(12).toInstant(),
				rs.getTimestamp(13).toInstant(), stopped == null ? null : stopped.toInstant(), rs.getBoolean(15));
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant);
	}
}
