package io.livepulse.engagement;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** In-memory counters of one stream, moved only after the rows they count are committed. */
final class StreamCounters {

	private static final int WINDOW_SECONDS = 60;

	private final AtomicLong likes = new AtomicLong();
	private final AtomicLong simulatedLikes = new AtomicLong();
	private final AtomicLong revenueMinor = new AtomicLong();
	private final AtomicInteger orders = new AtomicInteger();
	private final AtomicLong practiceRevenueMinor = new AtomicLong();
	private final AtomicInteger practiceOrders = new AtomicInteger();
	private volatile String currency;

	private final AtomicLongArray likesPerSecond = new AtomicLongArray(WINDOW_SECONDS);
	private final AtomicLongArray secondOfSlot = new AtomicLongArray(WINDOW_SECONDS);

	/**
	 * Counts one committed real like whose stream total, read from the counter row in the transaction that
	 * wrote it, is {@code total} (other nodes' likes included); returns it.
	 */
	long countLike(long nowMillis, long total) {
		countInWindow(nowMillis);
		likes.accumulateAndGet(total, Math::max);
		return total;
	}

	/** Raises the totals to what the shared counter row holds (set-to-max: a stale read never lowers them). */
	void raiseTo(EngagementTotals shared) {
		likes.accumulateAndGet(shared.likes(), Math::max);
		simulatedLikes.accumulateAndGet(shared.simulatedLikes(), Math::max);
		revenueMinor.accumulateAndGet(shared.revenueMinor(), Math::max);
		orders.accumulateAndGet(shared.orders(), Math::max);
		practiceRevenueMinor.accumulateAndGet(shared.practiceRevenueMinor(), Math::max);
		practiceOrders.accumulateAndGet(shared.practiceOrders(), Math::max);
		if (shared.currency() != null) {
			currency = shared.currency();
		}
	}

	private void countInWindow(long nowMillis) {
		long second = nowMillis / 1000;
		int slot = (int) (second % WINDOW_SECONDS);
		if (secondOfSlot.get(slot) != second) {
			synchronized (this) {
				if (secondOfSlot.get(slot) != second) {
					likesPerSecond.set(slot, 0);
					secondOfSlot.set(slot, second);
				}
			}
		}
		likesPerSecond.incrementAndGet(slot);
	}

	void raiseSimulatedLikesTo(long total) {
		simulatedLikes.accumulateAndGet(total, Math::max);
	}

	/** Adds what the log held at start-up. */
	void add(EngagementTotals totals) {
		likes.addAndGet(totals.likes());
		simulatedLikes.addAndGet(totals.simulatedLikes());
		revenueMinor.addAndGet(totals.revenueMinor());
		orders.addAndGet(totals.orders());
		practiceRevenueMinor.addAndGet(totals.practiceRevenueMinor());
		practiceOrders.addAndGet(totals.practiceOrders());
		if (totals.currency() != null) {
			currency = totals.currency();
		}
	}

	/** Real likes accepted in the last 60 seconds. */
	long likesLastMinute(long nowMillis) {
		long second = nowMillis / 1000;
		long sum = 0;
		for (int slot = 0; slot < WINDOW_SECONDS; slot++) {
			if (second - secondOfSlot.get(slot) < WINDOW_SECONDS) {
				sum += likesPerSecond.get(slot);
			}
		}
		return sum;
	}

	EngagementCounts snapshot(long nowMillis) {
		return new EngagementCounts(likes.get(), likesLastMinute(nowMillis), simulatedLikes.get(), revenueMinor.get(),
				currency, orders.get(), practiceRevenueMinor.get(), practiceOrders.get());
	}

	EngagementTotals totals() {
		return new EngagementTotals(likes.get(), simulatedLikes.get(), revenueMinor.get(), orders.get(), currency,
				practiceRevenueMinor.get(), practiceOrders.get());
	}
}
