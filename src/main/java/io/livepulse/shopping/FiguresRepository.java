package io.livepulse.shopping;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code shop_clicks} and {@code shop_impressions}: one row per viewer, product and stream. */
@Repository
class FiguresRepository {

	record Impression(long streamId, long productId, String viewerId, Instant at) {
	}

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	FiguresRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** Stores the viewer's click; false when this viewer clicked this product on this stream before. */
	boolean insertClick(long streamId, long productId, String viewerId, boolean rehearsal, Instant at) {
		try {
			jdbc.sql("""
					insert into shop_clicks (stream_id, product_id, viewer_id, is_rehearsal, clicked_at)
					values (:streamId, :productId, :viewerId, :rehearsal, :at)
					""")
				.param("streamId", streamId).param("productId", productId).param("viewerId", viewerId)
				.param("rehearsal", rehearsal).param("at", Timestamp.from(at)).update();
			return true;
		}
		catch (DuplicateKeyException counted) {
			return false;
		}
	}

	/** Clicks per product of one stream, read once when its figures are first needed. */
	Map<Long, Long> clicks(long streamId) {
		Map<Long, Long> clicks = new HashMap<>();
		jdbc.sql("select product_id, count(*) from shop_clicks where stream_id = :streamId group by product_id")
			.param("streamId", streamId)
			.query((RowCallbackHandler) rs -> clicks.put(rs.getLong(1), rs.getLong(2)));
		return clicks;
	}

	/** Each stream's real counted clicks per product stored in {@code [from, to)}, by stream and product id. */
	Map<Long, List<ProductsClicked.ProductClicks>> realClicksBetween(Instant from, Instant to) {
		Map<Long, List<ProductsClicked.ProductClicks>> byStream = new TreeMap<>();
		jdbc.sql("""
				select stream_id, product_id, count(*) from shop_clicks
				where clicked_at >= :from and clicked_at < :to and is_rehearsal = false
				group by stream_id, product_id order by stream_id, product_id
				""")
			.param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
			.query((RowCallbackHandler) rs -> byStream.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
				.add(new ProductsClicked.ProductClicks(rs.getLong(2), rs.getLong(3))));
		return byStream;
	}

	/**
	 * New impressions in one transaction; the caller stores each viewer once per product and stream, and a
	 * viewer another node stored first is skipped (with several nodes each samples the same shared presence).
	 */
	@Transactional
	void insertImpressions(List<Impression> impressions) {
		template.batchUpdate("""
				insert into shop_impressions (stream_id, product_id, viewer_id, first_seen_at) values (?, ?, ?, ?)
				on conflict do nothing
				""", impressions, 500, (ps, impression) -> {
			ps.setLong(1, impression.streamId());
			ps.setLong(2, impression.productId());
			ps.setString(3, impression.viewerId());
			ps.setTimestamp(4, Timestamp.from(impression.at()));
		});
	}

	/** The viewers who saw each product pinned on one stream, read once when its figures are first needed. */
	Map<Long, Set<String>> impressions(long streamId) {
		Map<Long, Set<String>> seen = new HashMap<>();
		jdbc.sql("select product_id, viewer_id from shop_impressions where stream_id = :streamId")
			.param("streamId", streamId)
			.query((RowCallbackHandler) rs -> seen.computeIfAbsent(rs.getLong(1), id -> new java.util.HashSet<>())
				.add(rs.getString(2)));
		return seen;
	}
}
