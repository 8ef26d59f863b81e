package io.livepulse.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Presence of one stream: viewer -> session. A viewer counts once however many tabs heartbeat
 * for it. All methods are safe to call from many threads.
 */
final class StreamPresence {

	/** One continuous period of watching; closed on leave, timeout or stream end. */
	static final class Session {

		final long joinedAtMillis;
		volatile long lastSeenMillis;

		Session(long now) {
			this.joinedAtMillis = now;
			this.lastSeenMillis = now;
		}
	}

	record ClosedSession(String viewerId, long joinedAtMillis, long lastSeenMillis) {
	}

	private final Map<String, Session> active = new ConcurrentHashMap<>();
	private final Set<String> everJoined = ConcurrentHashMap.newKeySet();
	private final AtomicInteger peak;

	StreamPresence(int peak, Set<String> everJoined) {
		this.peak = new AtomicInteger(peak);
		this.everJoined.addAll(everJoined);
	}

	enum Heartbeat { REFRESHED, REJOINED, FIRST_JOIN }

	Heartbeat heartbeat(String viewerId, long now) {
		boolean[] joined = { false };
		active.compute(viewerId, (id, session) -> {
			if (session == null) {
				joined[0] = true;
				return new Session(now);
			}
			session.lastSeenMillis = Math.max(session.lastSeenMillis, now);
			return session;
		});
		if (!joined[0]) {
			return Heartbeat.REFRESHED;
		}
		peak.accumulateAndGet(active.size(), Math::max);
		return everJoined.add(viewerId) ? Heartbeat.FIRST_JOIN : Heartbeat.REJOINED;
	}

	ClosedSession leave(String viewerId) {
		Session session = active.remove(viewerId);
		return session == null ? null : new ClosedSession(viewerId, session.joinedAtMillis, session.lastSeenMillis);
	}

	List<ClosedSession> pruneSilentSince(long cutoffMillis) {
		List<ClosedSession> closed = new ArrayList<>();
		active.forEach((viewerId, session) -> {
			if (session.lastSeenMillis < cutoffMillis && active.remove(viewerId, session)) {
				closed.add(new ClosedSession(viewerId, session.joinedAtMillis, session.lastSeenMillis));
			}
		});
		return closed;
	}

	List<ClosedSession> closeAll() {
		List<ClosedSession> closed = new ArrayList<>();
		for (String viewerId : List.copyOf(active.keySet())) {
			ClosedSession session = leave(viewerId);
			if (session != null) {
				closed.add(session);
			}
		}
		return closed;
	}

	boolean isActive(String viewerId) {
		return active.containsKey(viewerId);
	}

	PresenceSnapshot snapshot() {
		int viewers = active.size();
		return new PresenceSnapshot(viewers, Math.max(peak.get(), viewers), everJoined.size());
	}

	int peak() {
		return peak.get();
	}
}
