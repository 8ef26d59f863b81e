package io.livepulse.presence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.livepulse.shared.ApiProblem;

/**
 * This node's own viewers per stream, in memory: the whole truth in single-node mode, and the
 * fallback that keeps counting in cluster mode while Redis is unreachable.
 */
@Component
class LocalPresence {

	private final Map<Long, StreamPresence> presence = new ConcurrentHashMap<>();
	/** Streams that ended since start-up: a heartbeat that raced the end must not bring their presence back. */
	private final Set<Long> endedStreams = ConcurrentHashMap.newKeySet();
	private final ViewerLog viewerLog;
	private final PresenceWrites writes;
	private final PresenceRefusals refusals;

	LocalPresence(ViewerLog viewerLog, PresenceWrites writes, PresenceRefusals refusals, MeterRegistry meters) {
		this.viewerLog = viewerLog;
		this.writes = writes;
		this.refusals = refusals;
		Gauge.builder("livepulse.viewers", presence,
				map -> map.values().stream().mapToInt(p -> p.snapshot().viewers()).sum()).register(meters);
	}

	/** Joins or refreshes on this node: a first join is queued for the viewer log, a full address recorded for admins. */
	void count(long streamId, String viewerId, String address, long now, int maxPerAddress) {
		StreamPresence.Heartbeat outcome = presenceOf(streamId).heartbeat(viewerId, address, now, maxPerAddress);
		if (outcome == StreamPresence.Heartbeat.FIRST_JOIN) {
			writes.join(streamId, viewerId, now);
		}
		else if (outcome == StreamPresence.Heartbeat.ADDRESS_FULL) {
			refusals.record(UncountedHeartbeats.Reason.ADDRESS_VIEWER_CAP, address);
		}
	}

	/** The stream's figures, or none if this node holds nothing for it. */
	@Nullable PresenceSnapshot heldSnapshot(long streamId) {
		StreamPresence streamPresence = presence.get(streamId);
		return streamPresence == null ? null : streamPresence.snapshot();
	}

	/** The stream's figures, loading its saved peak and past viewers if this node holds nothing yet. */
	PresenceSnapshot snapshot(long streamId) {
		return presenceOf(streamId).snapshot();
	}

	PresenceSnapshot leave(long streamId, String viewerId) {
		StreamPresence streamPresence = presence.get(streamId);
		if (streamPresence == null) {
			return PresenceSnapshot.EMPTY;
		}
		writes.close(streamId, streamPresence.leave(viewerId));
		return streamPresence.snapshot();
	}

	boolean isActive(long streamId, String viewerId) {
		StreamPresence streamPresence = presence.get(streamId);
		return streamPresence != null && streamPresence.isActive(viewerId);
	}

	Set<String> activeViewers(long streamId) {
		StreamPresence streamPresence = presence.get(streamId);
		return streamPresence == null ? Set.of() : streamPresence.activeViewers();
	}

	long openWatchSeconds(long streamId) {
		StreamPresence streamPresence = presence.get(streamId);
		return streamPresence == null ? 0 : streamPresence.openWatchSeconds();
	}

	/** Closes the sessions silent for longer than each stream's viewer timeout. */
	void pruneSilent(long now, ToLongFunction<Long> timeoutMillisOfStream) {
		presence.forEach((streamId, streamPresence) -> streamPresence
			.pruneSilentSince(now - timeoutMillisOfStream.applyAsLong(streamId))
			.forEach(closed -> writes.close(streamId, closed)));
	}

	Map<Long, Integer> peaks() {
		Map<Long, Integer> peaks = new HashMap<>();
		presence.forEach((streamId, streamPresence) -> peaks.put(streamId, streamPresence.peak()));
		return peaks;
	}

	/** Closes every session of an ended stream and refuses to hold it again. */
	void end(long streamId) {
		endedStreams.add(streamId);
		StreamPresence streamPresence = presence.remove(streamId);
		List<StreamPresence.ClosedSession> closed = streamPresence == null ? List.of() : streamPresence.closeAll();
		closed.forEach(session -> writes.close(streamId, session));
	}

	static ApiProblem nothingToWatch(long streamId) {
		return ApiProblem.conflict("Stream %d has ended; there is nothing to watch any more.".formatted(streamId));
	}

	private StreamPresence presenceOf(long streamId) {
		return presence.computeIfAbsent(streamId, id -> {
			if (endedStreams.contains(id)) {
				throw nothingToWatch(id);
			}
			int peak = writes.savedPeak(id);
			return new StreamPresence(peak, viewerLog.viewersWhoJoined(id));
		});
	}
}
