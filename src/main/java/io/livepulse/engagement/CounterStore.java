package io.livepulse.engagement;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every stream's counters, rebuilt from the interaction log at start-up (before likes are taken).
 * Writers count under the shared side of one lock; reconciliation takes it alone, so it never
 * sees rows that are committed but not counted yet.
 */
@Component
class CounterStore implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CounterStore.class);

	private final InteractionLog interactionLog;
	private final Clock clock;
	private final Map<Long, StreamCounters> counters = new ConcurrentHashMap<>();
	private final ReentrantReadWriteLock countingLock = new ReentrantReadWriteLock();
	private volatile boolean running;

	CounterStore(InteractionLog interactionLog, Clock clock) {
		this.interactionLog = interactionLog;
		this.clock = clock;
	}

	StreamCounters of(long streamId) {
		return counters.computeIfAbsent(streamId, id -> new StreamCounters());
	}

	EngagementCounts counts(long streamId) {
		StreamCounters streamCounters = counters.get(streamId);
		return streamCounters == null ? EngagementCounts.NONE : streamCounters.snapshot(clock.millis());
	}

	EngagementTotals totals(long streamId) {
		StreamCounters streamCounters = counters.get(streamId);
		return streamCounters == null ? EngagementTotals.NONE : streamCounters.totals();
	}

	Set<Long> streamIds() {
		return counters.keySet();
	}

	/** Writes and counts while reconciliation waits. */
	<T> T whileCounting(Supplier<T> writeAndCount) {
		countingLock.readLock().lock();
		try {
			return writeAndCount.get();
		}
		finally {
			countingLock.readLock().unlock();
		}
	}

	/** Reads log and counters with no write in between. */
	<T> T alone(Supplier<T> compare) {
		countingLock.writeLock().lock();
		try {
			return compare.get();
		}
		finally {
			countingLock.writeLock().unlock();
		}
	}

	@Override
	public void start() {
		counters.clear();
		interactionLog.totalsByStream().forEach((streamId, totals) -> of(streamId).add(totals));
		log.info("Loaded engagement counters of {} streams from the interaction log", counters.size());
		running = true;
	}

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Just before the like writer starts (see {@link LikeAdmission#PHASE}). */
	@Override
	public int getPhase() {
		return LikeAdmission.PHASE - 1;
	}
}
