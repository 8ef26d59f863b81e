package io.livepulse.sales;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Giveaways and their entries. Entry numbers and the draw move the giveaway's row, so they are taken one at a time. */
@Repository
class GiveawayRepository {

	private static final String COLUMNS = """
			id, stream_id, prize, chatters_only, seed, seed_hash, opens_at, closes_at, status, entries, winning_entry,
			winner_user_id, winner_name, drawn_at, is_simulated""";

	private final JdbcClient jdbc;

	GiveawayRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long streamId, @Nullable String prize, boolean chattersOnly, String seed, Instant opensAt, Instant closesAt,
			boolean practice, String createdBy) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into giveaways (stream_id, prize, chatters_only, seed, seed_hash, opens_at, closes_at, status,
				                       is_simulated, created_by)
				values (:streamId, :prize, :chattersOnly, :seed, :seedHash, :opensAt, :closesAt, 'OPEN', :practice, :createdBy)""")
			.param("streamId", streamId).param("prize", prize).param("chattersOnly", chattersOnly).param("seed", seed)
			.param("seedHash", GiveawayDraw.hash(seed)).param("opensAt", Timestamp.from(opensAt))
			.param("closesAt", Timestamp.from(closesAt)).param("practice", practice).param("createdBy", createdBy)
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	Optional<Giveaway> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from giveaways where id = :id").param("id", id)
			.query(this::giveaway).optional();
	}

	List<Giveaway> ofStream(long streamId, int limit) {
		return jdbc.sql("select " + COLUMNS + " from giveaways where stream_id = :streamId order by id desc limit :limit")
			.param("streamId", streamId).param("limit", limit).query(this::giveaway).list();
	}

	boolean hasOpenGiveaway(long streamId) {
		return jdbc.sql("select count(*) from giveaways where stream_id = :streamId and status = 'OPEN'")
			.param("streamId", streamId).query(Long.class).single() > 0;
	}

	/** The next entry number of a giveaway still taking entries, or empty when it no longer does. */
	Optional<Integer> nextEntryNumber(long giveawayId, Instant now) {
		int moved = jdbc.sql("update giveaways set entries = entries + 1 where id = :id and status = 'OPEN' and closes_at > :now")
			.param("id", giveawayId).param("now", Timestamp.from(now)).update();
		if (moved == 0) {
			return Optional.empty();
		}
		return Optional.of(jdbc.sql("select entries from giveaways where id = :id").param("id", giveawayId)
			.query(Integer.class).single());
	}

	boolean hasEntered(long giveawayId, String userId) {
		return jdbc.sql("select count(*) from giveaway_entries where giveaway_id = :id and user_id = :userId")
			.param("id", giveawayId).param("userId", userId).query(Long.class).single() > 0;
	}

	void insertEntry(long giveawayId, int number, String userId, @Nullable String displayName, Instant now) {
		jdbc.sql("""
				insert into giveaway_entries (giveaway_id, entry_number, user_id, display_name, entered_at)
				values (:id, :number, :userId, :name, :now)""")
			.param("id", giveawayId).param("number", number).param("userId", userId).param("name", displayName)
			.param("now", Timestamp.from(now)).update();
	}

	/** Giveaways whose entries closed and that wait for their draw. */
	List<Long> dueForDraw(Instant now) {
		return jdbc.sql("select id from giveaways where status = 'OPEN' and closes_at <= :now order by closes_at limit 100")
			.param("now", Timestamp.from(now)).query(Long.class).list();
	}

	/** The seed of an open giveaway, its row locked against a second draw (and late entries) until the transaction ends. */
	Optional<String> lockForDraw(long giveawayId) {
		return jdbc.sql("select seed from giveaways where id = :id and status = 'OPEN' for update").param("id", giveawayId)
			.query(String.class).optional();
	}

	record Entrant(String userId, @Nullable String displayName) {
	}

	Entrant entrant(long giveawayId, int number) {
		return jdbc.sql("select user_id, display_name from giveaway_entries where giveaway_id = :id and entry_number = :number")
			.param("id", giveawayId).param("number", number)
			.query((rs, row) -> new Entrant(rs.getString(1), rs.getString(2))).single();
	}

	/** Excludes the person from the giveaway; false when they were excluded already. */
	boolean exclude(long giveawayId, String userId, String by, Instant now) {
		try {
			jdbc.sql("""
					insert into giveaway_exclusions (giveaway_id, user_id, excluded_by, excluded_at)
					values (:id, :userId, :by, :now)""")
				.param("id", giveawayId).param("userId", userId).param("by", by).param("now", Timestamp.from(now)).update();
			return true;
		}
		catch (DuplicateKeyException already) {
			return false;
		}
	}

	boolean isExcluded(long giveawayId, String userId) {
		return jdbc.sql("select count(*) from giveaway_exclusions where giveaway_id = :id and user_id = :userId")
			.param("id", giveawayId).param("userId", userId).query(Long.class).single() > 0;
	}

	/** The numbers of the entries whose person was excluded, in order. */
	List<Integer> excludedEntries(long giveawayId) {
		return jdbc.sql("""
				select e.entry_number from giveaway_entries e
				  join giveaway_exclusions x on x.giveaway_id = e.giveaway_id and x.user_id = e.user_id
				 where e.giveaway_id = :id order by e.entry_number""")
			.param("id", giveawayId).query(Integer.class).list();
	}

	/** The numbers of the entries the draw picks from (not excluded), in order. */
	List<Integer> eligibleEntries(long giveawayId) {
		return jdbc.sql("""
				select e.entry_number from giveaway_entries e
				 where e.giveaway_id = :id and not exists
				       (select 1 from giveaway_exclusions x where x.giveaway_id = e.giveaway_id and x.user_id = e.user_id)
				 order by e.entry_number""")
			.param("id", giveawayId).query(Integer.class).list();
	}

	/** Records the draw once: false when it was drawn already. */
	boolean drawn(long giveawayId, @Nullable Integer winningEntry, @Nullable Entrant winner, Instant now) {
		return jdbc.sql("""
				update giveaways set status = 'DRAWN', winning_entry = :entry, winner_user_id = :userId, winner_name = :name,
				                     drawn_at = :now
				 where id = :id and status = 'OPEN'""")
			.param("entry", winningEntry).param("userId", winner == null ? null : winner.userId())
			.param("name", winner == null ? null : winner.displayName()).param("now", Timestamp.from(now))
			.param("id", giveawayId).update() == 1;
	}

	private Giveaway giveaway(ResultSet rs, int row) throws SQLException {
		Timestamp drawnAt = rs.getTimestamp(14);
		return new Giveaway(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
				rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), "DRAWN".equals(rs.getString(9)),
				rs.getInt(10), (Integer) rs.getObject(11, Integer.class), rs.getString(12), rs.getString(13),
				drawnAt == null ? null : drawnAt.toInstant(), rs.getBoolean(15), excludedEntries(rs.getLong(1)));
	}
}
