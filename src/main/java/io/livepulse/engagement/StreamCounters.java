package io.livepulse.engagement;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** In-memory counters of one stream, moved only after the rows they count are committed. */
final class StreamCounters {

	private static final int WINDOW_SECONDS = 60;

	final AtomicLong likes = new AtomicLong();
	final AtomicLong simulatedLikes = new AtomicLong();
	final AtomicLong revenueMinor = new AtomicLong();
	final AtomicInteger orders = new AtomicInteger();
	volatile String currency;

	private final AtomicLongArray likesPerSecond = new AtomicLongArray(WINDOW_SECONDS);
	private final AtomicLongArray secondOfSlot = new AtomicLongArray(WINDOW_SECONDS);

	long addLike(long nowMillis) {
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
		return likes.incrementAndGet();
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
				currency, orders.get());
	}
}
