package io.livepulse.engagement;

import java.util.HashMap;
import java.util.Map;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.livepulse.shared.ApiProblem;

/**
 * The {@code stream_counters} rows (a rehearsal's practice purchases in {@code stream_practice_sales}):
 * each stream's running totals, moved in the same transaction as the log rows they count, after
 * {@code StreamService.lockForWrite} took the stream's row lock. Ending a stream updates that row too,
 * so once a stream is ENDED no node can add to its totals, and every like committed before is in them:
 * the totals are exact whichever node wrote the likes (ADR 0015).
 */
@Repository
class CounterRows {

	private static final String TOTALS = """
			c.stream_id, c.likes, c.simulated_likes, c.revenue_minor, c.orders, c.currency,
			coalesce(p.revenue_minor, 0), coalesce(p.orders, 0)
			  from stream_counters c left join stream_practice_sales p on p.stream_id = c.stream_id
			""";

	private final JdbcClient jdbc;

	CounterRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds likes to the stream's totals (under its row lock); the totals after. */
	EngagementTotals addLikes(long streamId, long likes, long simulatedLikes) {
		int updated = jdbc.sql("""
				update stream_counters set likes = likes + :likes, simulated_likes = simulated_likes + :simulated
				 where stream_id = :id
				""").param("likes", likes).param("simulated", simulatedLikes).param("id", streamId).update();
		if (updated == 0) {
			// the stream's first: under its row lock no other transaction can insert it meanwhile
			jdbc.sql("insert into stream_counters (stream_id, likes, simulated_likes) values (:id, :likes, :simulated)")
				.param("likes", likes).param("simulated", simulatedLikes).param("id", streamId).update();
		}
		return totals(streamId);
	}

	/**
	 * Adds a purchase to the stream's totals (under its row lock); the totals after. A {@code practice}
	 * one (a rehearsal's) goes to its practice totals and only sets the stream's currency here.
	 */
	EngagementTotals addPurchase(long streamId, long amountMinor, String currency, boolean practice) {
		if (practice) {
			addPracticePurchase(streamId, amountMinor, currency);
			return totals(streamId);
		}
		int updated = jdbc.sql("""
				update stream_counters set revenue_minor = revenue_minor + :amount, orders = orders + 1, currency = :currency
				 where stream_id = :id and revenue_minor <= :room
				""").param("amount", amountMinor).param("currency", currency).param("id", streamId)
			.param("room", Long.MAX_VALUE - amountMinor).update();
		if (updated == 0) {
			refuseIfFull("stream_counters", streamId, amountMinor);
			jdbc.sql("""
					insert into stream_counters (stream_id, revenue_minor, orders, currency)
					values (:id, :amount, 1, :currency)
					""").param("amount", amountMinor).param("currency", currency).param("id", streamId).update();
		}
		return totals(streamId);
	}

	private void addPracticePurchase(long streamId, long amountMinor, String currency) {
		if (jdbc.sql("update stream_counters set currency = :currency where stream_id = :id")
			.param("currency", currency).param("id", streamId).update() == 0) {
			jdbc.sql("insert into stream_counters (stream_id, currency) values (:id, :currency)")
				.param("currency", currency).param("id", streamId).update();
		}
		if (jdbc.sql("""
				update stream_practice_sales set revenue_minor = revenue_minor + :amount, orders = orders + 1
				 where stream_id = :id and revenue_minor <= :room
				""").param("amount", amountMinor).param("id", streamId).param("room", Long.MAX_VALUE - amountMinor)
			.update() == 0) {
			refuseIfFull("stream_practice_sales", streamId, amountMinor);
			jdbc.sql("insert into stream_practice_sales (stream_id, revenue_minor, orders) values (:id, :amount, 1)")
				.param("amount", amountMinor).param("id", streamId).update();
		}
	}

	/**
	 * A total row that is there but was not moved has no room for the amount (64-bit minor units): refused with a
	 * problem, the transaction rolls back, and the stream's figures stay as they were instead of every later
	 * purchase failing on the database's overflow.
	 */
	private void refuseIfFull(String table, long streamId, long amountMinor) {
		if (jdbc.sql("select count(*) from " + table + " where stream_id = :id").param("id", streamId).query(Long.class)
			.single() > 0) {
			throw ApiProblem.unprocessable("Stream %d's revenue cannot hold another %d minor units; the purchase was not recorded."
				.formatted(streamId, amountMinor));
		}
	}

	EngagementTotals totals(long streamId) {
		return totals(jdbc.sql("select " + TOTALS + " where c.stream_id = :id").param("id", streamId))
			.getOrDefault(streamId, EngagementTotals.NONE);
	}

	@Nullable
	String currency(long streamId) {
		return totals(streamId).currency();
	}

	/** The totals of these streams (those a node shows), in one query. */
	Map<Long, EngagementTotals> totalsOf(List<Long> streamIds) {
		if (streamIds.isEmpty()) {
			return Map.of();
		}
		return totals(jdbc.sql("select " + TOTALS + " where c.stream_id in (:ids)").param("ids", streamIds));
	}

	/** Every stream's totals, for reconciliation. */
	Map<Long, EngagementTotals> allTotals() {
		return totals(jdbc.sql("select " + TOTALS));
	}

	private static Map<Long, EngagementTotals> totals(JdbcClient.StatementSpec query) {
		Map<Long, EngagementTotals> totals = new HashMap<>();
		query.query((RowCallbackHandler) rs -> totals.put(rs.getLong(1), new EngagementTotals(rs.getLong(2),
					rs.getLong(3), rs.getLong(4), rs.getInt(5), rs.getString(6), rs.getLong(7), rs.getInt(8))));
		return totals;
	}
}
