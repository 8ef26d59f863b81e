package io.livepulse.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.livepulse.cluster.ClusterProperties;
import io.livepulse.cluster.ClusterRedis;
import io.livepulse.shared.ClientAddress;
import io.livepulse.stream.StreamService;

/**
 * Presence shared by every node (cluster mode), in Redis, per stream: a sorted set viewer -> last seen,
 * one viewer -> joined at, one hash viewer -> address with a count per address, the set of every viewer
 * who ever joined (exact, not HyperLogLog) and the peak. Heartbeats reach it in batches
 * ({@link PresenceExchange}), one Lua call per stream per tick; pruning is one
 * Lua call per stream that removes and returns each closed session once, whichever node prunes, so
 * watch time is never counted twice. The first node to touch a stream after Redis (re)started seeds the
 * ever-joined set and the peak from the database, so a Redis restart loses neither.
 */
@Component
@ConditionalOnExpression(ClusterProperties.CLUSTER_MODE)
class SharedPresence {

	private static final Logger log = LoggerFactory.getLogger(SharedPresence.class);

	/** How long an ended stream's heartbeats are refused from Redis (each node's own state refuses them after that). */
	private static final long ENDED_KEPT_MILLIS = 24 * 3600 * 1000L;

	private final ClusterRedis redis;
	private final StreamService streams;
	private final ViewerLog viewerLog;
	private final PresenceWrites writes;

	SharedPresence(ClusterRedis redis, StreamService streams, ViewerLog viewerLog, PresenceWrites writes) {
		this.redis = redis;
		this.streams = streams;
		this.viewerLog = viewerLog;
		this.writes = writes;
	}

	/**
	 * Closes the silent sessions of the live streams and of those this node touched (so a node that
	 * stopped leaves no viewer counted for ever); answers their peaks, for the caller to save.
	 */
	Map<Long, Integer> prune(long now, Set<Long> touched, ToLongFunction<Long> timeoutMillisOfStream) {
		Set<Long> streamIds = new HashSet<>(touched);
		streams.liveStreams().forEach(stream -> streamIds.add(stream.id()));
		Map<Long, Integer> peaks = new HashMap<>();
		for (long streamId : streamIds) {
			try {
				closeSilentSince(streamId, now - timeoutMillisOfStream.applyAsLong(streamId))
					.forEach(closed -> writes.close(streamId, closed));
				peaks.put(streamId, snapshot(streamId).peakViewers());
			}
			catch (RuntimeException unreachable) {
				log.debug("Could not prune the shared presence of stream {}", streamId, unreachable);
			}
		}
		return peaks;
	}

	boolean reachable() {
		return redis.reachable();
	}

	/** Seeds Redis with what the database knows of a stream (after a Redis restart, or at its first viewer). */
	void seed(long streamId) {
		writes.flush(Map.of());
		Set<String> everJoined = viewerLog.viewersWhoJoined(streamId);
		List<String> args = new ArrayList<>(everJoined.size() + 1);
		args.add(Integer.toString(writes.savedPeak(streamId)));
		args.addAll(everJoined);
		redis.eval(PresenceScripts.SEED, ScriptOutputType.INTEGER, keys(streamId), args.toArray(String[]::new));
	}

	static String[] keys(long streamId) {
		String prefix = "livepulse:presence:{" + streamId + "}:";
		return new String[] { prefix + "seen", prefix + "joined", prefix + "everJoined", prefix + "peak",
				prefix + "addressOf", prefix + "perAddress", prefix + "seeded", prefix + "ended", prefix + "left",
				prefix + "everPerAddress" };
	}

	/**
	 * Sends one node's heartbeats of a stream since its last exchange (none: only the figures are read back),
	 * without waiting for the answer; see {@link PresenceScripts#EXCHANGE}.
	 */
	CompletableFuture<ExchangeAnswer> exchange(long streamId, int maxPerAddress, Map<String, NotedBeat> beats) {
		return redis.<List<Object>>evalAsync(PresenceScripts.EXCHANGE, ScriptOutputType.MULTI, keys(streamId),
				exchangeArguments(maxPerAddress, beats)).thenApply(ExchangeAnswer::parse);
	}

	/** The caps, then per viewer its id, address, the address's /48 ('' for IPv4) and its first and last beat. */
	static String[] exchangeArguments(int maxPerAddress, Map<String, NotedBeat> beats) {
		List<String> args = new ArrayList<>(4 + beats.size() * 5);
		int everPerAddress = StreamPresence.EVER_PER_ADDRESS * maxPerAddress;
		args.add(Integer.toString(maxPerAddress));
		args.add(Integer.toString(everPerAddress));
		args.add(Integer.toString(NewDeviceLimiter.PER_NETWORK * maxPerAddress));
		args.add(Integer.toString(NewDeviceLimiter.PER_NETWORK * everPerAddress));
		beats.forEach((viewerId, beat) -> {
			String network = ClientAddress.networkOf(beat.address());
			args.add(viewerId);
			args.add(beat.address());
			args.add(network == null ? "" : network);
			args.add(Long.toString(beat.firstMillis()));
			args.add(Long.toString(beat.lastMillis()));
		});
		return args.toArray(String[]::new);
	}

	/** Closes the sessions silent since before {@code cutoffMillis}; each is returned to one caller only. */
	List<StreamPresence.ClosedSession> closeSilentSince(long streamId, long cutoffMillis) {
		return close(streamId, Long.toString(cutoffMillis), "", 0);
	}

	List<StreamPresence.ClosedSession> leave(long streamId, String viewerId, long now) {
		return close(streamId, "+inf", viewerId, now);
	}

	/** Closes every session of an ended stream and refuses its heartbeats from now on, on every node. */
	List<StreamPresence.ClosedSession> end(long streamId) {
		String[] keys = keys(streamId);
		redis.commands().psetex(keys[7], ENDED_KEPT_MILLIS, "1");
		List<StreamPresence.ClosedSession> closed = close(streamId, "+inf", "", 0);
		redis.commands().del(keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6], keys[8], keys[9]);
		return closed;
	}

	/** Viewers now, peak, ever joined (seeded from the database first if Redis has nothing of the stream). */
	PresenceSnapshot snapshot(long streamId) {
		List<Long> figures = redis.eval(PresenceScripts.SNAPSHOT, ScriptOutputType.MULTI, keys(streamId));
		if (figures.get(3) == 0L) {
			seed(streamId);
			figures = redis.eval(PresenceScripts.SNAPSHOT, ScriptOutputType.MULTI, keys(streamId));
		}
		return new PresenceSnapshot(figures.get(0).intValue(), Math.max(figures.get(1).intValue(), figures.get(0).intValue()),
				figures.get(2).intValue());
	}

	/** Whether the viewer is counted on the stream now, on any node. */
	boolean isActive(long streamId, String viewerId) {
		return redis.commands().zscore(keys(streamId)[0], viewerId) != null;
	}

	/** The viewers counted on the stream now, on every node. */
	Set<String> activeViewers(long streamId) {
		return new HashSet<>(redis.commands().zrange(keys(streamId)[0], 0, -1));
	}

	/**
	 * Seconds watched so far in the open sessions, each up to its last heartbeat (as a closed session is counted,
	 * and as one node counts its own): a viewer gone silent adds nothing while it waits to be pruned.
	 */
	long openWatchSeconds(long streamId) {
		String[] keys = keys(streamId);
		return openWatchSeconds(redis.commands().zrangeWithScores(keys[0], 0, -1),
				redis.commands().zrangeWithScores(keys[1], 0, -1));
	}

	/** From the seen (viewer -> last heartbeat) and joined (viewer -> joined at) sets, as Redis holds them. */
	static long openWatchSeconds(List<ScoredValue<String>> seen, List<ScoredValue<String>> joined) {
		Map<String, Double> lastSeen = new HashMap<>();
		seen.forEach(viewer -> lastSeen.put(viewer.getValue(), viewer.getScore()));
		long millis = 0;
		for (ScoredValue<String> viewer : joined) {
			millis += Math.max(0, (long) (lastSeen.getOrDefault(viewer.getValue(), viewer.getScore()) - viewer.getScore()));
		}
		return millis / 1000;
	}

	private List<StreamPresence.ClosedSession> close(long streamId, String cutoff, String viewerId, long leftAtMillis) {
		List<Object> flat = redis.eval(PresenceScripts.CLOSE, ScriptOutputType.MULTI, keys(streamId), cutoff, viewerId,
				Long.toString(leftAtMillis));
		List<StreamPresence.ClosedSession> closed = new ArrayList<>(flat.size() / 3);
		for (int i = 0; i + 2 < flat.size(); i += 3) {
			closed.add(new StreamPresence.ClosedSession(String.valueOf(flat.get(i)), (long) Double.parseDouble(
					String.valueOf(flat.get(i + 1))), (long) Double.parseDouble(String.valueOf(flat.get(i + 2)))));
		}
		return closed;
	}
}
