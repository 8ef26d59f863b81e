package io.livepulse.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import io.livepulse.shared.CappedCounts;
import io.livepulse.shared.ClientAddress;

/**
 * Presence of one stream: viewer -> session. A viewer counts once however many tabs heartbeat
 * for it, and one client address counts at most a capped number of viewers. All methods are safe
 * to call from many threads.
 */
final class StreamPresence {

	/** One continuous period of watching; closed on leave, timeout or stream end. */
	static final class Session {

		final long joinedAtMillis;
		final String address;
		/** The address's IPv6 /48, which has caps of its own; null for IPv4. */
		final @Nullable String network;
		volatile long lastSeenMillis;

		Session(long now, String address, @Nullable String network) {
			this.joinedAtMillis = now;
			this.address = address;
			this.network = network;
			this.lastSeenMillis = now;
		}
	}

	record ClosedSession(String viewerId, long joinedAtMillis, long lastSeenMillis) {
	}

	private final Map<String, Session> active = new ConcurrentHashMap<>();
	private final CappedCounts activePerAddress = new CappedCounts();
	/** New viewers each address brought to the stream so far; never given back (see {@link #EVER_PER_ADDRESS}). */
	private final CappedCounts everPerAddress = new CappedCounts();
	private final Set<String> everJoined = ConcurrentHashMap.newKeySet();
	private final AtomicInteger peak;

	StreamPresence(int peak, Set<String> everJoined) {
		this.peak = new AtomicInteger(peak);
		this.everJoined.addAll(everJoined);
	}

	/**
	 * How many new viewers one address may bring to a stream over its whole life, as a multiple of the viewers it
	 * may have at once: an address that churns device ids (join, leave, join with a new id) would otherwise add a
	 * unique viewer with each, while the cap at once stayed met.
	 */
	static final int EVER_PER_ADDRESS = 4;

	enum Heartbeat { REFRESHED, REJOINED, FIRST_JOIN, ADDRESS_FULL }

	/**
	 * Joins or refreshes a viewer; refused: a viewer from an address that already has {@code maxPerAddress}, and a
	 * viewer new to the stream from an address that brought {@value #EVER_PER_ADDRESS} times as many already. An
	 * IPv6 address's whole /48 has {@value ClientAddress#ADDRESSES_PER_NETWORK} times both caps, so a routed /48 cannot
	 * count its 65,536 /64s' worth of viewers with device ids it gathered beforehand.
	 */
	Heartbeat heartbeat(String viewerId, String address, long now, int maxPerAddress) {
		Heartbeat[] outcome = { Heartbeat.REFRESHED };
		active.compute(viewerId, (id, session) -> {
			if (session != null) {
				session.lastSeenMillis = Math.max(session.lastSeenMillis, now);
				return session;
			}
			String network = ClientAddress.networkOf(address);
			boolean newToTheStream = !everJoined.contains(viewerId);
			if (newToTheStream && !everPerAddress.tryAcquire(address, network,
					EVER_PER_ADDRESS * maxPerAddress)) {
				outcome[0] = Heartbeat.ADDRESS_FULL;
				return null;
			}
			if (!activePerAddress.tryAcquire(address, network, maxPerAddress)) {
				if (newToTheStream) {
					everPerAddress.release(address, network);
				}
				outcome[0] = Heartbeat.ADDRESS_FULL;
				return null;
			}
			outcome[0] = Heartbeat.REJOINED;
			return new Session(now, address, network);
		});
		if (outcome[0] != Heartbeat.REJOINED) {
			return outcome[0];
		}
		peak.accumulateAndGet(active.size(), Math::max);
		return everJoined.add(viewerId) ? Heartbeat.FIRST_JOIN : Heartbeat.REJOINED;
	}

	ClosedSession leave(String viewerId) {
		Session session = active.remove(viewerId);
		return session == null ? null : closed(viewerId, session);
	}

	List<ClosedSession> pruneSilentSince(long cutoffMillis) {
		List<ClosedSession> closed = new ArrayList<>();
		active.forEach((viewerId, session) -> {
			if (session.lastSeenMillis < cutoffMillis && active.remove(viewerId, session)) {
				closed.add(closed(viewerId, session));
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

	private ClosedSession closed(String viewerId, Session session) {
		activePerAddress.release(session.address, session.network);
		return new ClosedSession(viewerId, session.joinedAtMillis, session.lastSeenMillis);
	}

	/** Seconds watched so far in the sessions still open, counted as a closed session would be. */
	long openWatchSeconds() {
		long millis = 0;
		for (Session session : active.values()) {
			millis += session.lastSeenMillis - session.joinedAtMillis;
		}
		return millis / 1000;
	}

	Set<String> activeViewers() {
		return Set.copyOf(active.keySet());
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
