package io.livepulse.presence;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;

import io.livepulse.settings.SettingsService;
import io.livepulse.settings.StreamSettings;
import io.livepulse.shared.ApiProblem;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamEndSeen;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * Real viewers per stream, held in memory: a heartbeat joins or refreshes, silence past the
 * stream's viewer timeout drops out, a leave removes at once. Joins and closed sessions are
 * written to {@code stream_viewers} in batches by the prune tick, off the request path.
 */
@Service
public class PresenceService implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

	private final StreamService streams;
	private final ViewerLog viewerLog;
	private final Clock clock;
	private final Map<Long, StreamPresence> presence = new ConcurrentHashMap<>();
	/** Streams that ended since start-up: a heartbeat that raced the end must not bring their presence back. */
	private final Set<Long> endedStreams = ConcurrentHashMap.newKeySet();

	private final SettingsService settings;
	private final PresenceRefusals refusals;
	private final PresenceProperties properties;
	private final Counter heartbeats;
	/** Cluster mode: presence in Redis, shared by every node; this node's maps serve while Redis is unreachable. */
	private final @Nullable SharedPresence shared;
	private final PresenceWrites writes;
	/** Streams whose shared presence this node touched, pruned by it with the live ones. */
	private final Set<Long> sharedStreams = ConcurrentHashMap.newKeySet();

	PresenceService(StreamService streams, ViewerLog viewerLog, Clock clock, MeterRegistry meters,
			SettingsService settings, PresenceRefusals refusals, PresenceProperties properties,
			ObjectProvider<SharedPresence> shared, PresenceWrites writes) {
		this.shared = shared.getIfAvailable();
		this.writes = writes;
		this.properties = properties;
		this.settings = settings;
		this.refusals = refusals;
		this.heartbeats = Counter.builder("livepulse.heartbeats").register(meters);
		Gauge.builder("livepulse.viewers", presence,
				map -> map.values().stream().mapToInt(p -> p.snapshot().viewers()).sum()).register(meters);
		this.streams = streams;
		this.viewerLog = viewerLog;
		this.clock = clock;
	}

	/**
	 * A heartbeat: joins or refreshes the visitor's viewer, unless the visitor has no countable id
	 * yet (a device id issued only now counts from its next heartbeat) or was refused (a made-up
	 * device id, too many new ids, or the address's viewer cap reached), which is recorded for
	 * admins. An ended stream is a 409 problem, answered before the visitor is resolved, so no device
	 * id is issued for a stream nobody can watch.
	 */
	public void heartbeat(Stream stream, Supplier<Visitor> resolveVisitor) {
		if (stream.status() == StreamStatus.ENDED) {
			throw ApiProblem.conflict("Stream %d has ended; there is nothing to watch any more.".formatted(stream.id()));
		}
		long streamId = stream.id();
		Visitor visitor = resolveVisitor.get();
		heartbeats.increment();
		if (visitor.refused().isPresent()) {
			refusals.record(visitor.refused().get(), visitor.address());
			return;
		}
		if (visitor.viewer().isEmpty()) {
			return;
		}
		String viewerId = visitor.viewer().get().value();
		long now = clock.millis();
		int maxPerAddress = settings.current().maxViewersPerAddress();
		StreamPresence.Heartbeat outcome = null;
		if (shared != null) {
			try {
				sharedStreams.add(streamId);
				outcome = shared.heartbeat(streamId, viewerId, visitor.address(), now, maxPerAddress);
			}
			catch (SharedPresence.Ended ended) {
				throw ApiProblem.conflict("Stream %d has ended; there is nothing to watch any more.".formatted(streamId));
			}
			catch (RuntimeException unreachable) {
				log.debug("Redis unreachable; counting the heartbeat on this node", unreachable);
			}
		}
		if (outcome == null) {
			outcome = presenceOf(streamId).heartbeat(viewerId, visitor.address(), now, maxPerAddress);
		}
		if (outcome == StreamPresence.Heartbeat.FIRST_JOIN) {
			writes.join(streamId, viewerId, now);
		}
		else if (outcome == StreamPresence.Heartbeat.ADDRESS_FULL) {
			refusals.record(UncountedHeartbeats.Reason.ADDRESS_VIEWER_CAP, visitor.address());
		}
	}

	/** Heartbeats answered but not counted since start-up, for admins. */
	public UncountedHeartbeats uncountedHeartbeats() {
		return refusals.report();
	}

	/** Stops counting a viewer; leaving a stream one is not watching is harmless. */
	public PresenceSnapshot leave(long streamId, ViewerId viewer) {
		streams.get(streamId);
		if (shared != null) {
			try {
				shared.leave(streamId, viewer.value()).forEach(closed -> writes.close(streamId, closed));
				return shared.snapshot(streamId);
			}
			catch (RuntimeException unreachable) {
				log.debug("Redis unreachable; the leave is applied on this node only", unreachable);
			}
		}
		StreamPresence streamPresence = presence.get(streamId);
		if (streamPresence == null) {
			return PresenceSnapshot.EMPTY;
		}
		writes.close(streamId, streamPresence.leave(viewer.value()));
		return streamPresence.snapshot();
	}

	/** Whether the viewer is counted on the stream right now (a real viewer, heard from within the timeout). */
	public boolean isPresent(long streamId, ViewerId viewer) {
		StreamPresence streamPresence = presence.get(streamId);
		return streamPresence != null && streamPresence.isActive(viewer.value());
	}

	/** The real viewers counted on the stream right now (a copy; simulated viewers are never here). */
	public Set<String> presentViewers(long streamId) {
		StreamPresence streamPresence = presence.get(streamId);
		return streamPresence == null ? Set.of() : streamPresence.activeViewers();
	}

	public PresenceSnapshot snapshot(long streamId) {
		if (shared != null && streams.find(streamId).filter(stream -> stream.status() != StreamStatus.ENDED).isPresent()) {
			PresenceSnapshot everyNode = sharedSnapshot(streamId);
			if (everyNode != null) {
				return everyNode;
			}
		}
		StreamPresence streamPresence = presence.get(streamId);
		if (streamPresence != null) {
			return streamPresence.snapshot();
		}
		return streams.find(streamId).filter(stream -> stream.status() != StreamStatus.ENDED)
			.map(stream -> presenceOf(streamId).snapshot())
			.orElse(PresenceSnapshot.EMPTY);
	}

	/**
	 * The figures to freeze when a stream ends: from memory, or, if nothing is held (a restart
	 * since the last heartbeat), from the saved peak and the viewers who ever joined.
	 */
	public PresenceSnapshot finalSnapshot(long streamId) {
		PresenceSnapshot everyNode = sharedSnapshot(streamId);
		if (everyNode != null) {
			return everyNode;
		}
		StreamPresence streamPresence = presence.get(streamId);
		if (streamPresence != null) {
			return streamPresence.snapshot();
		}
		flush();
		return new PresenceSnapshot(0, viewerLog.savedPeak(streamId), viewerLog.viewersWhoJoined(streamId).size());
	}

	/** Average watch time in seconds of the stream's real viewers: closed sessions and the open ones so far. */
	public double averageWatchSeconds(long streamId) {
		flush();
		ViewerLog.WatchTime watchTime = viewerLog.watchTime(streamId);
		StreamPresence streamPresence = presence.get(streamId);
		long openSeconds = streamPresence == null ? 0 : streamPresence.openWatchSeconds();
		if (shared != null) {
			try {
				openSeconds += shared.openWatchSeconds(streamId, clock.millis());
			}
			catch (RuntimeException unreachable) {
				log.debug("Redis unreachable; open sessions of other nodes left out", unreachable);
			}
		}
		return watchTime.viewers() == 0 ? 0 : (double) (watchTime.totalSeconds() + openSeconds) / watchTime.viewers();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::pruneAndFlush, properties.pruneInterval());
	}

	void pruneAndFlush() {
		long now = clock.millis();
		presence.forEach((streamId, streamPresence) -> {
			// a stream that is gone by now: its viewers time out as on a stream with the default settings
			long timeoutMillis = streams.find(streamId).map(Stream::settings).orElse(StreamSettings.DEFAULTS)
				.viewerTimeoutSeconds() * 1000L;
			streamPresence.pruneSilentSince(now - timeoutMillis).forEach(closed -> writes.close(streamId, closed));
		});
		if (shared != null) {
			shared.prune(now, sharedStreams);
		}
		flush();
	}

	private @Nullable PresenceSnapshot sharedSnapshot(long streamId) {
		if (shared == null) {
			return null;
		}
		try {
			return shared.snapshot(streamId);
		}
		catch (RuntimeException unreachable) {
			log.debug("Redis unreachable; this node's own presence is shown", unreachable);
			return null;
		}
	}

	/** Writes pending joins, closed sessions and new peaks; on a database error they wait for the next tick. */
	public void flush() {
		Map<Long, Integer> peaks = new HashMap<>();
		presence.forEach((streamId, streamPresence) -> peaks.put(streamId, streamPresence.peak()));
		writes.flush(peaks);
	}

	/** Joins and peaks still queued are written before the service stops. */
	@PreDestroy
	void flushOnShutdown() {
		flush();
	}

	@ApplicationModuleListener
	void on(StreamEnded ended) {
		end(ended.streamId());
	}

	/** Ended on another node (cluster mode): this node's viewers of it are closed the same way. */
	@EventListener
	void on(StreamEndSeen seen) {
		end(seen.streamId());
	}

	private void end(long streamId) {
		endedStreams.add(streamId);
		if (shared != null) {
			try {
				shared.end(streamId).forEach(closed -> writes.close(streamId, closed));
			}
			catch (RuntimeException unreachable) {
				log.warn("Could not close stream {}'s shared presence; its sessions are closed by the next prune",
						streamId, unreachable);
			}
			sharedStreams.remove(streamId);
		}
		StreamPresence streamPresence = presence.remove(streamId);
		if (streamPresence != null) {
			streamPresence.closeAll().forEach(closed -> writes.close(streamId, closed));
		}
		flush();
		writes.forget(streamId);
	}

	private StreamPresence presenceOf(long streamId) {
		return presence.computeIfAbsent(streamId, id -> {
			if (endedStreams.contains(id)) {
				throw ApiProblem.conflict("Stream %d has ended; there is nothing to watch any more.".formatted(id));
			}
			int peak = writes.savedPeak(id);
			return new StreamPresence(peak, viewerLog.viewersWhoJoined(id));
		});
	}
}
