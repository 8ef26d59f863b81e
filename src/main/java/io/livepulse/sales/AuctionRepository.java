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
 * Auctions, their bidders and their bids. The auction's row moves only by conditional updates: a bid from the
 * standing it read ({@link #recordBid}), a decision or a stop from RUNNING, so concurrent bids and deciders on any
 * number of nodes take turns without holding a lock while they think.
 */
@Repository
class AuctionRepository {

	private static final String COLUMNS = """
			id, stream_id, product_id, title, image_url, currency, starting_price_minor, price_minor, bids, bidders,
			leader_number, leader_user_id, leader_name, leader_max_minor, sudden_death, extensions, ends_at, status,
			win_claim_id, order_id, is_simulated""";

	private final JdbcClient jdbc;

	AuctionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long streamId, NewAuction request, String title, @Nullable String imageUrl, String currency, Instant endsAt,
			boolean practice, String createdBy, Instant now) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into auctions (stream_id, product_id, title, image_url, currency, starting_price_minor, price_minor,
				                      sudden_death, ends_at, status, is_simulated, created_by, created_at)
				values (:streamId, :productId, :title, :imageUrl, :currency, :price, :price, :suddenDeath, :endsAt,
				        'RUNNING', :practice, :createdBy, :now)""")
			.param("streamId", streamId).param("productId", request.productId()).param("title", title)
			.param("imageUrl", imageUrl).param("currency", currency).param("price", request.startingPriceMinor())
			.param("suddenDeath", request.suddenDeath()).param("endsAt", timestamp(endsAt)).param("practice", practice)
			.param("createdBy", createdBy).param("now", timestamp(now))
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	Optional<Auction> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from auctions where id = :id").param("id", id)
			.query(AuctionRepository::auction).optional();
	}

	Optional<Auction> byWinClaim(String claimId) {
		return jdbc.sql("select " + COLUMNS + " from auctions where win_claim_id = :claimId").param("claimId", claimId)
			.query(AuctionRepository::auction).optional();
	}

	/** The stream's auctions, newest first. */
	List<Auction> ofStream(long streamId, int limit) {
		return jdbc.sql("select " + COLUMNS + " from auctions where stream_id = :streamId order by id desc limit :limit")
			.param("streamId", streamId).param("limit", limit).query(AuctionRepository::auction).list();
	}

	boolean hasRunning(long streamId) {
		return jdbc.sql("select count(*) from auctions where stream_id = :streamId and status = 'RUNNING'")
			.param("streamId", streamId).query(Long.class).single() > 0;
	}

	/** Running auctions whose clock is out: to decide. */
	List<Long> due(Instant now) {
		return jdbc.sql("select id from auctions where status = 'RUNNING' and ends_at <= :now order by ends_at limit 100")
			.param("now", timestamp(now)).query(Long.class).list();
	}

	List<Long> runningOf(long streamId) {
		return jdbc.sql("select id from auctions where stream_id = :streamId and status = 'RUNNING'")
			.param("streamId", streamId).query(Long.class).list();
	}

	/** The bidder's number and max in this auction, if they bid before. */
	Optional<Bidder> bidder(long auctionId, String userId) {
		return jdbc.sql("select number, max_minor from auction_bidders where auction_id = :auctionId and user_id = :userId")
			.param("auctionId", auctionId).param("userId", userId)
			.query((rs, row) -> new Bidder(rs.getInt(1), rs.getLong(2))).optional();
	}

	/** Under the auction's lock: numbers a new bidder after the ones before. */
	void insertBidder(long auctionId, String userId, int number, @Nullable String displayName, long maxMinor) {
		jdbc.sql("""
				insert into auction_bidders (auction_id, user_id, number, display_name, max_minor)
				values (:auctionId, :userId, :number, :name, :max)""")
			.param("auctionId", auctionId).param("userId", userId).param("number", number).param("name", displayName)
			.param("max", maxMinor).update();
	}

	void raiseBidderMax(long auctionId, String userId, long maxMinor) {
		jdbc.sql("update auction_bidders set max_minor = :max where auction_id = :auctionId and user_id = :userId and max_minor < :max")
			.param("max", maxMinor).param("auctionId", auctionId).param("userId", userId).update();
	}

	/**
	 * Moves the auction from the standing {@code before} was read at to the one a bid left, if no other bid was
	 * taken since (its bid count unchanged) and it still takes bids; false otherwise, and nothing is written. So
	 * concurrent bids on any number of nodes are taken one at a time, each against the standing the last one left.
	 * Then the bid itself is stored as the next in order.
	 */
	boolean recordBid(Auction before, Bidding.Standing after, String leaderUserId, @Nullable String leaderName, int bidder,
			long amountMinor, long maxMinor, int bidders, Instant endsAt, boolean extended, Instant now) {
		boolean moved = jdbc.sql("""
				update auctions set price_minor = :price, bids = :bids, bidders = :bidders, leader_number = :leader,
				       leader_user_id = :leaderUserId, leader_name = :leaderName, leader_max_minor = :leaderMax,
				       ends_at = :endsAt, extensions = extensions + :extended
				 where id = :id and bids = :bidsBefore and status = 'RUNNING' and ends_at > :now""")
			.param("price", after.priceMinor()).param("bids", after.bids()).param("bidders", bidders)
			.param("leader", after.leaderNumber()).param("leaderUserId", leaderUserId).param("leaderName", leaderName)
			.param("leaderMax", after.leaderMaxMinor()).param("endsAt", timestamp(endsAt)).param("extended", extended ? 1 : 0)
			.param("id", before.id()).param("bidsBefore", before.bids()).param("now", timestamp(now)).update() == 1;
		if (!moved) {
			return false;
		}
		jdbc.sql("""
				insert into auction_bids (auction_id, seq, bidder_number, amount_minor, max_minor, price_minor, leader_number,
				                          ends_at, created_at)
				values (:id, :seq, :bidder, :amount, :max, :price, :leader, :endsAt, :now)""")
			.param("id", before.id()).param("seq", after.bids()).param("bidder", bidder).param("amount", amountMinor)
			.param("max", maxMinor).param("price", after.priceMinor()).param("leader", after.leaderNumber())
			.param("endsAt", timestamp(endsAt)).param("now", timestamp(now)).update();
		return true;
	}

	/**
	 * Decides a running auction whose clock is out (a last bid may have set it back): SOLD to its leader, who pays
	 * with {@code winClaimId}, or UNSOLD without bids; false if it was decided before or still runs.
	 */
	boolean decide(long id, String winClaimId, Instant now) {
		return jdbc.sql("""
				update auctions set status = case when leader_number is null then 'UNSOLD' else 'SOLD' end,
				       win_claim_id = case when leader_number is null then null else :claim end, decided_at = :now
				 where id = :id and status = 'RUNNING' and ends_at <= :now""")
			.param("claim", winClaimId).param("now", timestamp(now)).param("id", id).update() == 1;
	}

	/**
	 * Stops a running auction without a winner, recording who stopped it (a user id, or {@code stream-ended}); false
	 * if it was decided before or (unless the stream ended) its clock is out.
	 */
	boolean stop(long id, String by, Instant now, boolean evenIfClockIsOut) {
		return jdbc.sql("""
				update auctions set status = 'STOPPED', decided_at = :now, stopped_by = :by
				 where id = :id and status = 'RUNNING' and (ends_at > :now or :evenIfOut)""")
			.param("now", timestamp(now)).param("by", by).param("id", id).param("evenIfOut", evenIfClockIsOut).update() == 1;
	}

	/** Records the order that paid for a won auction; false when another order paid for it already. */
	boolean settle(long id, String orderId, Instant now) {
		return jdbc.sql("update auctions set order_id = :orderId, settled_at = :now where id = :id and order_id is null")
			.param("orderId", orderId).param("now", timestamp(now)).param("id", id).update() == 1;
	}

	/** Up to {@code limit} accepted bids after {@code afterSeq}, in the order they were taken. */
	List<AuctionBid> bids(long auctionId, int afterSeq, int limit) {
		return jdbc.sql("""
				select seq, bidder_number, price_minor, leader_number, ends_at, created_at from auction_bids
				 where auction_id = :id and seq > :after order by seq limit :limit""")
			.param("id", auctionId).param("after", afterSeq).param("limit", limit)
			.query((rs, row) -> new AuctionBid(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getInt(4),
					rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
			.list();
	}

	record Bidder(int number, long maxMinor) {
	}

	private static Auction auction(ResultSet rs, int row) throws SQLException {
		return new Auction(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
				rs.getLong(7), rs.getLong(8), rs.getInt(9), rs.getInt(10), (Integer) rs.getObject(11, Integer.class),
				rs.getString(12), rs.getString(13), (Long) rs.getObject(14, Long.class), rs.getBoolean(15), rs.getInt(16),
				rs.getTimestamp(17).toInstant(), rs.getString(18), rs.getString(19), rs.getString(20), rs.getBoolean(21));
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant);
	}
}
