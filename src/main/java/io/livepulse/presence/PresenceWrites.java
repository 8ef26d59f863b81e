package io.livepulse.presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Joins, closed sessions and new peaks on their way to {@code stream_viewers} and
 * {@code stream_presence_peaks}, written in batches by the prune tick, off the request path.
 */
@Component
class PresenceWrites {

	private static final Logger log = LoggerFactory.getLogger(PresenceWrites.class);

	private final ViewerLog viewerLog;
	private final Clock clock;
	private final Map<Long, Integer> savedPeaks = new ConcurrentHashMap<>();
	private final ConcurrentLinkedQueue<ViewerLog.Join> pendingJoins = new ConcurrentLinkedQueue<>();
	private final ConcurrentLinkedQueue<ViewerLog.Close> pendingCloses = new ConcurrentLinkedQueue<>();

	PresenceWrites(ViewerLog viewerLog, Clock clock) {
		this.viewerLog = viewerLog;
		this.clock = clock;
	}

	void join(long streamId, String viewerId, long atMillis) {
		pendingJoins.add(new ViewerLog.Join(streamId, viewerId, atMillis));
	}

	void close(long streamId, StreamPresence.ClosedSession session) {
		if (session != null) {
			pendingCloses.add(new ViewerLog.Close(streamId, session.viewerId(), session.joinedAtMillis(),
					session.lastSeenMillis()));
		}
	}

	/** The peak the database holds for a stream, remembered so that only a higher one is written. */
	int savedPeak(long streamId) {
		int peak = viewerLog.savedPeak(streamId);
		savedPeaks.merge(streamId, peak, Math::max);
		return peak;
	}

	void forget(long streamId) {
		savedPeaks.remove(streamId);
	}

	/**
	 * Writes pending joins, closed sessions and the peaks above those saved; on a database error they wait for the next
	 * tick. Never inside a caller's transaction (an end's freeze asks for a flush): each step commits on its own, so a
	 * failed step neither rolls back the ones before it (drained from the queues, they would be lost) nor, on
	 * PostgreSQL, aborts the caller's transaction with an error this method caught.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	synchronized void flush(Map<Long, Integer> peaks) {
		List<ViewerLog.Join> joins = drain(pendingJoins);
		try {
			if (!joins.isEmpty()) {
				viewerLog.recordJoins(joins);
			}
		}
		catch (RuntimeException ex) {
			pendingJoins.addAll(joins);
			log.warn("Could not record {} joins; retrying on the next tick", joins.size(), ex);
			return;
		}
		List<ViewerLog.Close> closes = drain(pendingCloses);
		try {
			if (!closes.isEmpty()) {
				viewerLog.recordCloses(closes);
			}
		}
		catch (RuntimeException ex) {
			pendingCloses.addAll(closes);
			log.warn("Could not record {} closed sessions; retrying on the next tick", closes.size(), ex);
		}
		// apart from the closes: they are committed, and a failed peak must not queue them (and their watch time) again
		peaks.forEach((streamId, peak) -> {
			if (peak > savedPeaks.getOrDefault(streamId, 0)) {
				try {
					viewerLog.savePeak(streamId, peak, clock.instant());
					savedPeaks.merge(streamId, peak, Math::max);
				}
				catch (RuntimeException ex) {
					log.warn("Could not save the peak of stream {}; retrying on the next tick", streamId, ex);
				}
			}
		});
	}

	private static <T> List<T> drain(ConcurrentLinkedQueue<T> queue) {
		List<T> items = new ArrayList<>();
		for (T item = queue.poll(); item != null; item = queue.poll()) {
			items.add(item);
		}
		return items;
	}
}
