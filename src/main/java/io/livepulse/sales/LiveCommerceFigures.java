package io.livepulse.sales;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A stream's flash sales, auctions and giveaways in figures, for its analytics: what was claimed and paid, bid
 * and sold at what price, entered. A rehearsal's are practice, which the caller reports apart.
 */
@Service
public class LiveCommerceFigures {

	private final JdbcClient jdbc;

	LiveCommerceFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Flash sales: how many, claims taken, units held or bought now, units paid. Auctions: how many, bids, each
	 * sold one's final price (and whether the shop reported its payment). Giveaways: how many, entries.
	 */
	public record LiveCommerce(int flashSales, long claims, long unitsClaimed, long unitsPaid, int auctions, long bids,
			List<SoldAtAuction> sold, int giveaways, long giveawayEntries) {
	}

	public record SoldAtAuction(long auctionId, long productId, String title, long finalPriceMinor, String currency,
			boolean paid) {
	}

	public LiveCommerce of(long streamId) {
		long[] sales = jdbc.sql("""
				select count(*), coalesce(sum(units_taken), 0), coalesce(sum(units_confirmed), 0),
				       (select count(*) from flash_sale_claims c join flash_sales f on f.id = c.sale_id where f.stream_id = :id)
				  from flash_sales where stream_id = :id""")
			.param("id", streamId).query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) })
			.single();
		long[] auctions = jdbc.sql("select count(*), coalesce(sum(bids), 0) from auctions where stream_id = :id")
			.param("id", streamId).query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		List<SoldAtAuction> sold = jdbc.sql("""
				select id, product_id, title, price_minor, currency, order_id from auctions
				 where stream_id = :id and status = 'SOLD' order by id""")
			.param("id", streamId)
			.query((rs, row) -> new SoldAtAuction(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
					rs.getString(5), rs.getString(6) != null))
			.list();
		long[] giveaways = jdbc.sql("select count(*), coalesce(sum(entries), 0) from giveaways where stream_id = :id")
			.param("id", streamId).query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		return new LiveCommerce((int) sales[0], sales[3], sales[1], sales[2], (int) auctions[0], auctions[1], sold,
				(int) giveaways[0], giveaways[1]);
	}
}
