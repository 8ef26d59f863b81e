package io.livepulse.engagement;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The append-only {@code stream_interactions} log. */
@Repository
class InteractionLog {

	record LikeRow(long streamId, String userId, boolean simulated, long atMillis) {
	}

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	InteractionLog(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** All rows in one transaction: the group commit. */
	@Transactional
	void appendLikes(List<LikeRow> likes) {
		template.batchUpdate("""
				insert into stream_interactions (stream_id, user_id, interaction_type, is_simulated, created_at)
				values (?, ?, 'LIKE', ?, ?)
				""", likes, likes.size(), (ps, like) -> {
			ps.setLong(1, like.streamId());
			ps.setString(2, like.userId());
			ps.setBoolean(3, like.simulated());
			ps.setTimestamp(4, new Timestamp(like.atMillis()));
		});
	}

	/**
	 * Throws {@code DuplicateKeyException} when the order was stored before, on this stream or another: an order
	 * id is the shop's, so one order adds to one stream's revenue. Real and practice (rehearsal) orders apart.
	 */
	void appendPurchase(long streamId, Purchase purchase, boolean practice, long atMillis) {
		jdbc.sql("insert into purchase_orders (order_id, is_simulated, stream_id) values (:orderId, :practice, :streamId)")
			.param("orderId", purchase.orderId()).param("practice", practice).param("streamId", streamId).update();
		jdbc.sql("""
				insert into stream_interactions (stream_id, user_id, interaction_type, is_simulated, amount_minor,
				                                 currency, ref, created_at, product_id, quantity)
				values (:streamId, :buyerId, 'PURCHASE', :practice, :amount, :currency, :orderId, :at, :productId, :quantity)
				""")
			.param("streamId", streamId).param("practice", practice).param("buyerId", purchase.buyerId())
			.param("productId", purchase.productId()).param("quantity", purchase.units())
			.param("amount", purchase.amountMinor()).param("currency", purchase.currency())
			.param("orderId", purchase.orderId()).param("at", new Timestamp(atMillis))
			.update();
	}

	record StoredPurchase(long amountMinor, String currency, Long productId) {
	}

	boolean hasPurchase(long streamId, String orderId) {
		return jdbc.sql("""
				select count(*) from stream_interactions
				 where stream_id = :streamId and interaction_type = 'PURCHASE' and ref = :orderId
				""").param("streamId", streamId).param("orderId", orderId).query(Long.class).single() > 0;
	}

	/** The order as stored on this stream; empty when it was stored on another one. */
	Optional<StoredPurchase> storedPurchase(long streamId, String orderId) {
		return jdbc.sql("""
				select amount_minor, currency, product_id from stream_interactions
				 where stream_id = :streamId and interaction_type = 'PURCHASE' and ref = :orderId
				""").param("streamId", streamId).param("orderId", orderId)
			.query((rs, row) -> new StoredPurchase(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class)))
			.optional();
	}

	/** A stream's purchases that name a product, oldest first; read once per stream by the per-product figures. */
	List<ProductPurchase> productPurchases(long streamId) {
		return jdbc.sql("""
				select ref, product_id, quantity, amount_minor, currency, created_at from stream_interactions
				 where stream_id = :streamId and interaction_type = 'PURCHASE' and product_id is not null
				 order by id
				""").param("streamId", streamId)
			.query((rs, row) -> new ProductPurchase(streamId, rs.getString(1), rs.getLong(2), rs.getInt(3),
					rs.getLong(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
			.list();
	}

	/** The whole log summed up per stream; used at start-up and by the reconciliation check, never per request. */
	Map<Long, EngagementTotals> totalsByStream() {
		Map<Long, EngagementTotals> totals = new HashMap<>();
		jdbc.sql("""
				select stream_id,
				       sum(case when interaction_type = 'LIKE' and not is_simulated then 1 else 0 end) as likes,
				       sum(case when interaction_type = 'LIKE' and is_simulated then 1 else 0 end) as simulated_likes,
				       coalesce(sum(case when interaction_type = 'PURCHASE' and not is_simulated then amount_minor end), 0)
				           as revenue,
				       sum(case when interaction_type = 'PURCHASE' and not is_simulated then 1 else 0 end) as orders,
				       max(currency) as currency,
				       coalesce(sum(case when interaction_type = 'PURCHASE' and is_simulated then amount_minor end), 0)
				           as practice_revenue,
				       sum(case when interaction_type = 'PURCHASE' and is_simulated then 1 else 0 end) as practice_orders
				  from stream_interactions
				 group by stream_id
				""")
			.query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
				totals.put(rs.getLong("stream_id"), new EngagementTotals(rs.getLong("likes"), rs.getLong("simulated_likes"),
						rs.getLong("revenue"), rs.getInt("orders"), rs.getString("currency"), rs.getLong("practice_revenue"),
						rs.getInt("practice_orders")));
			});
		return totals;
	}

	/** Real viewers who liked at least once, and how many real likes they gave. */
	EngagedViewers engagedViewers(long streamId) {
		return jdbc.sql("""
				select count(distinct user_id), count(*) from stream_interactions
				 where stream_id = :streamId and interaction_type = 'LIKE' and is_simulated = false
				""").param("streamId", streamId)
			.query((rs, row) -> new EngagedViewers(rs.getLong(1), rs.getLong(2))).single();
	}
}
