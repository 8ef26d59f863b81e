package io.livepulse.presence;

import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.livepulse.cluster.ClusterProperties;
import io.livepulse.settings.SettingsService;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Cluster mode without a Redis call on a hot request: a heartbeat is only noted in this node's memory,
 * and every tick ({@code livepulse.cluster.exchange-interval}) the node sends what it noted to Redis, one
 * pipelined Lua call per stream, keyed by viewer (device or signed-in user) so that a viewer whose
 * heartbeats alternate nodes counts once, and reads the stream's figures back in the same call. Those figures answer every request until
 * the next tick, so what a node shows lags the truth by at most one tick. While Redis cannot be reached
 * the node counts in its own memory ({@link LocalPresence}), as before.
 */
@Component
@ConditionalOnExpression(ClusterProperties.CLUSTER_MODE)
class PresenceExchange implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(PresenceExchange.class);

	private final SharedPresence shared;
	private final LocalPresence local;
	private final PresenceWrites writes;
	private final PresenceRefusals refusals;
	private final SettingsService settings;
	private final StreamService streams;
	private final ClusterProperties properties;
	private final Map<Long, Map<String, NotedBeat>> pending = new ConcurrentHashMap<>();
	private final ExchangedFigures figures;
	private final Set<Long> ended = ConcurrentHashMap.newKeySet();
	/** Streams this node sent heartbeats of: it prunes them too, so a node that stops leaves no viewer counted. */
	private final Set<Long> streamsWithHeartbeats = ConcurrentHashMap.newKeySet();
	private volatile boolean reachable = true;

	PresenceExchange(SharedPresence shared, LocalPresence local, PresenceWrites writes, PresenceRefusals refusals,
			SettingsService settings, StreamService streams, ClusterProperties properties, Clock clock) {
		this.streams = streams;
		this.shared = shared;
		this.local = local;
		this.writes = writes;
		this.refusals = refusals;
		this.settings = settings;
		this.properties = properties;
		this.figures = new ExchangedFigures(clock);
	}

	/**
	 * Notes a heartbeat for the next exchange; false while Redis is unreachable (the caller counts it on this
	 * node). Throws {@link StreamEndedForHeartbeats} once an exchange found the stream ended.
	 */
	boolean note(long streamId, String viewerId, String address, long now) {
		if (ended.contains(streamId)) {
			throw new StreamEndedForHeartbeats();
		}
		if (!reachable) {
			return false;
		}
		NotedBeat beat = new NotedBeat(address, now, now);
		// no lock shared by a stream's heartbeats: each merges into the stream's current map, and one that
		// raced the tick taking that map merges again into the next (sent twice, counted once)
		while (true) {
			Map<String, NotedBeat> beats = pending.computeIfAbsent(streamId, id -> new ConcurrentHashMap<>());
			beats.merge(viewerId, beat, NotedBeat::and);
			if (pending.get(streamId) == beats) {
				return true;
			}
		}
	}

	/** Every node's figures as of the last exchange (else read now); null while Redis is unreachable. */
	@Nullable PresenceSnapshot figures(long streamId) {
		if (!reachable) {
			return null;
		}
		PresenceSnapshot known = figures.asked(streamId);
		if (known != null) {
			return known;
		}
		try {
			PresenceSnapshot read = shared.snapshot(streamId);
			figures.update(streamId, read);
			return read;
		}
		catch (RuntimeException unreachable) {
			log.debug("Redis unreachable; this node's own presence is shown", unreachable);
			return null;
		}
	}

	boolean reachable() {
		return reachable;
	}

	Set<Long> streamsWithHeartbeats() {
		return Collections.unmodifiableSet(streamsWithHeartbeats);
	}

	/** Whether this node took a heartbeat of the viewer since its last exchange. */
	boolean noted(long streamId, String viewerId) {
		return pending.getOrDefault(streamId, Map.of()).containsKey(viewerId);
	}

	/** Sends this stream's noted heartbeats now (before its final figures are read). */
	void sendNow(long streamId) {
		exchange(Set.of(streamId));
	}

	/** A viewer who left: a heartbeat noted just before must not bring them back. */
	void drop(long streamId, String viewerId) {
		pending.computeIfPresent(streamId, (id, beats) -> {
			beats.remove(viewerId);
			return beats;
		});
	}

	/** The stream ended: what is noted of it is dropped and its heartbeats refused. */
	void end(long streamId) {
		ended.add(streamId);
		streamsWithHeartbeats.remove(streamId);
		pending.remove(streamId);
		figures.forget(streamId);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::tick, properties.exchangeInterval());
	}

	void tick() {
		if (!reachable) {
			if (!shared.reachable()) {
				return;
			}
			setReachable(true);
		}
		Set<Long> streamIds = new HashSet<>(pending.keySet());
		figures.watched().stream().filter(this::live).forEach(streamIds::add);
		exchange(streamIds);
	}

	private void exchange(Set<Long> streamIds) {
		int maxPerAddress = settings.current().maxViewersPerAddress();
		Map<Long, Map<String, NotedBeat>> sent = new HashMap<>();
		Map<Long, CompletableFuture<ExchangeAnswer>> answers = new HashMap<>();
		boolean allAnswered = true;
		for (long streamId : streamIds) {
			Map<String, NotedBeat> beats = pending.remove(streamId);
			sent.put(streamId, beats == null ? Map.of() : beats);
			if (beats != null) {
				streamsWithHeartbeats.add(streamId);
			}
			try {
				answers.put(streamId, shared.exchange(streamId, maxPerAddress, sent.get(streamId)));
			}
			catch (RuntimeException unreachable) {
				allAnswered = false;
			}
		}
		for (long streamId : streamIds) {
			try {
				CompletableFuture<ExchangeAnswer> answer = answers.get(streamId);
				if (answer == null) {
					countHere(streamId, sent.get(streamId), maxPerAddress);
					continue;
				}
				apply(streamId, answer.get(properties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS),
						sent.get(streamId), maxPerAddress);
			}
			catch (Exception unreachable) {
				if (unreachable instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				allAnswered = false;
				countHere(streamId, sent.get(streamId), maxPerAddress);
			}
		}
		if (!allAnswered) {
			setReachable(false);
		}
	}

	private void apply(long streamId, ExchangeAnswer answer, Map<String, NotedBeat> beats, int maxPerAddress) throws Exception {
		if (answer.status() == ExchangeAnswer.Status.ENDED) {
			end(streamId);
			return;
		}
		if (answer.status() == ExchangeAnswer.Status.NOT_SEEDED) {
			shared.seed(streamId);
			answer = shared.exchange(streamId, maxPerAddress, beats).get(properties.commandTimeout().toMillis(),
					TimeUnit.MILLISECONDS);
			if (answer.status() != ExchangeAnswer.Status.COUNTED) {
				throw new IllegalStateException("presence of stream " + streamId + " could not be seeded in Redis");
			}
		}
		figures.update(streamId, answer.figures());
		answer.firstJoins().forEach(join -> writes.join(streamId, join.viewerId(), join.joinedAtMillis()));
		answer.refusedAddresses()
			.forEach(address -> refusals.record(UncountedHeartbeats.Reason.ADDRESS_VIEWER_CAP, address));
	}

	/** Heartbeats whose exchange failed still count, on this node, as every heartbeat does while Redis is away. */
	private void countHere(long streamId, Map<String, NotedBeat> beats, int maxPerAddress) {
		figures.forget(streamId);
		beats.forEach((viewerId, beat) -> {
			try {
				local.count(streamId, viewerId, beat.address(), beat.lastMillis(), maxPerAddress);
			}
			catch (RuntimeException endedMeanwhile) {
				log.debug("Heartbeat of stream {} not counted here", streamId, endedMeanwhile);
			}
		});
	}

	private boolean live(long streamId) {
		return streams.find(streamId).filter(Stream::isLive).isPresent();
	}

	private void setReachable(boolean now) {
		if (now != reachable) {
			log.info(now ? "Presence is exchanged through Redis again" : "Redis unreachable: presence is counted per node");
			reachable = now;
		}
	}
}
