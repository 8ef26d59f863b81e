package io.livepulse.presence;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Every node's viewer figures per stream as the last exchange read them back (cluster mode), and which
 * streams someone asked about lately: the live ones among them are read back at every tick, the others
 * are forgotten. Figures older than {@link #FRESH_MILLIS} are not answered (the caller reads them again),
 * so asking about a stream that is not live costs at most one Redis read per stream per two seconds,
 * however many ask, and asking about thousands of streams never makes every tick read them all.
 */
final class ExchangedFigures {

	/** A stream whose figures nobody asked for in this long is no longer read back at each tick. */
	private static final long WATCHED_FOR_MILLIS = 60_000;
	/** Figures read longer ago than this are read again when asked for. */
	static final long FRESH_MILLIS = 2_000;

	private static final class Known {

		final PresenceSnapshot snapshot;
		final long readAtMillis;
		volatile long askedAtMillis;

		Known(PresenceSnapshot snapshot, long readAtMillis, long askedAtMillis) {
			this.snapshot = snapshot;
			this.readAtMillis = readAtMillis;
			this.askedAtMillis = askedAtMillis;
		}
	}

	private final Clock clock;
	private final Map<Long, Known> known = new ConcurrentHashMap<>();

	ExchangedFigures(Clock clock) {
		this.clock = clock;
	}

	/** The stream's figures, if an exchange or a read brought them lately; asking keeps the stream watched. */
	@Nullable PresenceSnapshot asked(long streamId) {
		Known figures = known.get(streamId);
		long now = clock.millis();
		if (figures == null || now - figures.readAtMillis > FRESH_MILLIS) {
			return null;
		}
		figures.askedAtMillis = now;
		return figures.snapshot;
	}

	/** Figures read back; a stream first read now counts as asked for now. */
	void update(long streamId, PresenceSnapshot snapshot) {
		Known before = known.get(streamId);
		long now = clock.millis();
		known.put(streamId, new Known(snapshot, now, before == null ? now : before.askedAtMillis));
	}

	void forget(long streamId) {
		known.remove(streamId);
	}

	/** The streams asked about lately (the others are forgotten now). */
	Set<Long> watched() {
		long now = clock.millis();
		known.entrySet().removeIf(entry -> now - entry.getValue().askedAtMillis > WATCHED_FOR_MILLIS);
		return known.keySet();
	}
}
