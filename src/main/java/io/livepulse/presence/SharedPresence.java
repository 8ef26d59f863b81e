package io.livepulse.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import io.lettuce.core.ScriptOutputType;
import io.livepulse.cluster.ClusterProperties;
import io.livepulse.cluster.ClusterRedis;

/**
 * Presence shared by every node (cluster mode), in Redis, per stream: a sorted set viewer -> last seen,
 * one viewer -> joined at, one hash viewer -> address with a count per address, the set of every viewer
 * who ever joined (exact, not HyperLogLog) and the peak. Each heartbeat is one Lua call; pruning is one
 * Lua call per stream that removes and returns each closed session once, whichever node prunes, so
 * watch time is never counted twice. The first node to touch a stream after Redis (re)started seeds the
 * ever-joined set and the peak from the database, so a Redis restart loses neither.
 */
@Component
@ConditionalOnExpression(ClusterProperties.CLUSTER_MODE)
class SharedPresence {

	/** The stream ended: heartbeats are refused on every node at once. */
	static final class Ended extends RuntimeException {

		Ended() {
			super(null, null, false, false);
		}
	}

	// every script takes the keys of keys(streamId): seen, joined, everJoined, peak, addressOf, perAddress, seeded, ended
	private static final String HEARTBEAT = """
			if redis.call('EXISTS', KEYS[8]) == 1 then return -2 end
			if redis.call('EXISTS', KEYS[7]) == 0 then return -1 end
			if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
			  redis.call('ZADD', KEYS[1], 'GT', ARGV[3], ARGV[1])
			  return 0
			end
			local count = tonumber(redis.call('HGET', KEYS[6], ARGV[2]) or '0')
			if count >= tonumber(ARGV[4]) then return 3 end
			redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
			redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
			redis.call('HSET', KEYS[5], ARGV[1], ARGV[2])
			redis.call('HINCRBY', KEYS[6], ARGV[2], 1)
			local first = redis.call('SADD', KEYS[3], ARGV[1])
			local viewers = redis.call('ZCARD', KEYS[1])
			if viewers > tonumber(redis.call('GET', KEYS[4]) or '0') then redis.call('SET', KEYS[4], viewers) end
			if first == 1 then return 2 end
			return 1
			""";

	/** ARGV[1] the last-seen cutoff ('+inf': everyone), ARGV[2] one viewer only (or ''). Returns id, joined, last seen... */
	private static final String CLOSE = """
			local gone
			if ARGV[2] ~= '' then
			  if redis.call('ZSCORE', KEYS[1], ARGV[2]) then gone = { ARGV[2] } else gone = {} end
			else
			  gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
			end
			local closed = {}
			for _, viewer in ipairs(gone) do
			  local last = redis.call('ZSCORE', KEYS[1], viewer)
			  local joined = redis.call('ZSCORE', KEYS[2], viewer) or last
			  local address = redis.call('HGET', KEYS[5], viewer)
			  redis.call('ZREM', KEYS[1], viewer)
			  redis.call('ZREM', KEYS[2], viewer)
			  redis.call('HDEL', KEYS[5], viewer)
			  if address and redis.call('HINCRBY', KEYS[6], address, -1) <= 0 then redis.call('HDEL', KEYS[6], address) end
			  table.insert(closed, viewer)
			  table.insert(closed, joined)
			  table.insert(closed, last)
			end
			return closed
			""";

	private static final String SNAPSHOT = """
			return { redis.call('ZCARD', KEYS[1]), tonumber(redis.call('GET', KEYS[4]) or '0'), redis.call('SCARD', KEYS[3]),
			         redis.call('EXISTS', KEYS[7]) }
			""";

	private static final String SEED = """
			if redis.call('EXISTS', KEYS[8]) == 1 then return 0 end
			local peak = tonumber(ARGV[1])
			if peak > tonumber(redis.call('GET', KEYS[4]) or '0') then redis.call('SET', KEYS[4], peak) end
			for i = 2, #ARGV do redis.call('SADD', KEYS[3], ARGV[i]) end
			redis.call('SET', KEYS[7], '1')
			return 1
			""";

	/** How long an ended stream's heartbeats are refused from Redis (each node's own state refuses them after that). */
	private static final long ENDED_KEPT_MILLIS = 24 * 3600 * 1000L;

	private final ClusterRedis redis;

	SharedPresence(ClusterRedis redis) {
		this.redis = redis;
	}

	private static String[] keys(long streamId) {
		String prefix = "livepulse:presence:{" + streamId + "}:";
		return new String[] { prefix + "seen", prefix + "joined", prefix + "everJoined", prefix + "peak",
				prefix + "addressOf", prefix + "perAddress", prefix + "seeded", prefix + "ended" };
	}

	/** Joins or refreshes; -1 when the stream must be seeded first (see {@link #seed}). */
	StreamPresence.Heartbeat heartbeat(long streamId, String viewerId, String address, long now, int maxPerAddress,
			Seeder seeder) {
		for (int attempt = 0; attempt < 2; attempt++) {
			Long outcome = redis.eval(HEARTBEAT, ScriptOutputType.INTEGER, keys(streamId), viewerId, address,
					Long.toString(now), Integer.toString(maxPerAddress));
			switch (outcome.intValue()) {
				case -2 -> throw new Ended();
				case -1 -> seeder.seed(streamId);
				case 0 -> {
					return StreamPresence.Heartbeat.REFRESHED;
				}
				case 1 -> {
					return StreamPresence.Heartbeat.REJOINED;
				}
				case 2 -> {
					return StreamPresence.Heartbeat.FIRST_JOIN;
				}
				default -> {
					return StreamPresence.Heartbeat.ADDRESS_FULL;
				}
			}
		}
		throw new IllegalStateException("presence of stream " + streamId + " could not be seeded in Redis");
	}

	interface Seeder {

		void seed(long streamId);
	}

	void seed(long streamId, int savedPeak, Set<String> everJoined) {
		List<String> args = new ArrayList<>(everJoined.size() + 1);
		args.add(Integer.toString(savedPeak));
		args.addAll(everJoined);
		redis.eval(SEED, ScriptOutputType.INTEGER, keys(streamId), args.toArray(String[]::new));
	}

	/** Closes the sessions silent since before {@code cutoffMillis}; each is returned to one caller only. */
	List<StreamPresence.ClosedSession> closeSilentSince(long streamId, long cutoffMillis) {
		return close(streamId, Long.toString(cutoffMillis), "");
	}

	List<StreamPresence.ClosedSession> leave(long streamId, String viewerId) {
		return close(streamId, "+inf", viewerId);
	}

	/** Closes every session of an ended stream and refuses its heartbeats from now on, on every node. */
	List<StreamPresence.ClosedSession> end(long streamId) {
		String[] keys = keys(streamId);
		redis.commands().psetex(keys[7], ENDED_KEPT_MILLIS, "1");
		List<StreamPresence.ClosedSession> closed = close(streamId, "+inf", "");
		redis.commands().del(keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6]);
		return closed;
	}

	/** Viewers now, peak, ever joined (seeded from the database first if Redis has nothing of the stream). */
	PresenceSnapshot snapshot(long streamId, Seeder seeder) {
		List<Long> figures = redis.eval(SNAPSHOT, ScriptOutputType.MULTI, keys(streamId));
		if (figures.get(3) == 0L) {
			seeder.seed(streamId);
			figures = redis.eval(SNAPSHOT, ScriptOutputType.MULTI, keys(streamId));
		}
		return new PresenceSnapshot(figures.get(0).intValue(), Math.max(figures.get(1).intValue(), figures.get(0).intValue()),
				figures.get(2).intValue());
	}

	/** Seconds watched so far in the open sessions. */
	long openWatchSeconds(long streamId, long now) {
		return redis.commands().zrangeWithScores(keys(streamId)[1], 0, -1).stream()
			.mapToLong(joined -> Math.max(0, (now - (long) joined.getScore()) / 1000)).sum();
	}

	private List<StreamPresence.ClosedSession> close(long streamId, String cutoff, String viewerId) {
		List<Object> flat = redis.eval(CLOSE, ScriptOutputType.MULTI, keys(streamId), cutoff, viewerId);
		List<StreamPresence.ClosedSession> closed = new ArrayList<>(flat.size() / 3);
		for (int i = 0; i + 2 < flat.size(); i += 3) {
			closed.add(new StreamPresence.ClosedSession(String.valueOf(flat.get(i)), (long) Double.parseDouble(
					String.valueOf(flat.get(i + 1))), (long) Double.parseDouble(String.valueOf(flat.get(i + 2)))));
		}
		return closed;
	}
}
