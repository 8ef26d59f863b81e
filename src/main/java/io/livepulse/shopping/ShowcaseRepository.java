package io.livepulse.shopping;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code shop_showcase} (each stream's products in order) and {@code shop_pins} (pin windows). */
@Repository
class ShowcaseRepository {

	/** A time a product was pinned on a stream; {@code to} is null while it is pinned. */
	record PinWindow(long productId, Instant from, Instant to) {

		boolean covers(Instant at) {
			return !at.isBefore(from) && (to == null || at.isBefore(to));
		}
	}

	private final JdbcClient jdbc;

	ShowcaseRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Long> productIds(long streamId) {
		return jdbc.sql("select product_id from shop_showcase where stream_id = :streamId order by position")
			.param("streamId", streamId).query(Long.class).list();
	}

	boolean contains(long streamId, long productId) {
		return jdbc.sql("select count(*) from shop_showcase where stream_id = :streamId and product_id = :productId")
			.param("streamId", streamId).param("productId", productId).query(Long.class).single() > 0;
	}

	@Transactional
	void replace(long streamId, List<Long> productIds) {
		jdbc.sql("delete from shop_showcase where stream_id = :streamId").param("streamId", streamId).update();
		for (int position = 0; position < productIds.size(); position++) {
			jdbc.sql("insert into shop_showcase (stream_id, product_id, position) values (:streamId, :productId, :position)")
				.param("streamId", streamId).param("productId", productIds.get(position)).param("position", position)
				.update();
		}
	}

	Optional<Long> pinnedProduct(long streamId) {
		return jdbc.sql("select product_id from shop_pins where stream_id = :streamId and unpinned_at is null")
			.param("streamId", streamId).query(Long.class).optional();
	}

	/** Closes the stream's open pin window, if any, and opens one for the product. */
	@Transactional
	void pin(long streamId, long productId, Instant now) {
		unpin(streamId, now);
		jdbc.sql("insert into shop_pins (stream_id, product_id, pinned_at) values (:streamId, :productId, :now)")
			.param("streamId", streamId).param("productId", productId).param("now", Timestamp.from(now)).update();
	}

	/** Closes the stream's open pin window; false when nothing was pinned. */
	boolean unpin(long streamId, Instant now) {
		return jdbc.sql("update shop_pins set unpinned_at = :now where stream_id = :streamId and unpinned_at is null")
			.param("streamId", streamId).param("now", Timestamp.from(now)).update() > 0;
	}

	/** Streams on which the product is pinned now. */
	List<Long> streamsPinning(long productId) {
		return jdbc.sql("select stream_id from shop_pins where product_id = :productId and unpinned_at is null")
			.param("productId", productId).query(Long.class).list();
	}

	List<PinWindow> windows(long streamId) {
		return jdbc.sql("select product_id, pinned_at, unpinned_at from shop_pins where stream_id = :streamId order by id")
			.param("streamId", streamId)
			.query((rs, row) -> new PinWindow(rs.getLong(1), rs.getTimestamp(2).toInstant(),
					rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
			.list();
	}
}
