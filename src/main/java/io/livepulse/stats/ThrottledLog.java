package io.livepulse.stats;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * A warning that can fire thousands of times a second under attack, written at most once per
 * interval with how many times it happened since the last line.
 */
final class ThrottledLog {

	private final Logger log;
	private final long intervalNanos;
	private final AtomicLong nextNanos = new AtomicLong(Long.MIN_VALUE);
	private final AtomicLong suppressed = new AtomicLong();

	ThrottledLog(Logger log, Duration interval) {
		this.log = log;
		this.intervalNanos = interval.toNanos();
	}

	void warn(String message, Object argument) {
		long now = System.nanoTime();
		long next = nextNanos.get();
		if ((next != Long.MIN_VALUE && now - next < 0) || !nextNanos.compareAndSet(next, now + intervalNanos)) {
			suppressed.incrementAndGet();
			return;
		}
		long times = suppressed.getAndSet(0) + 1;
		log.warn(message + " ({} times since the last such line)", argument, times);
	}
}
