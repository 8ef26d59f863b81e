package io.livepulse.shared;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A warning that can fire thousands of times a second under attack, written at most once per
 * interval (per key, e.g. per product) with how many times it happened since the last line.
 */
public final class ThrottledLog {

	private static final Object ONE_KEY = new Object();

	private final Logger log;
	private final long intervalNanos;
	private final LongSupplier nanoTime;
	// a key quiet for an interval may start over; the bound keeps a flood of keys from growing the map
	private final Cache<Object, Window> windows;

	private static final class Window {

		final AtomicLong nextNanos = new AtomicLong(Long.MIN_VALUE);

		final AtomicLong suppressed = new AtomicLong();
	}

	public ThrottledLog(Logger log, Duration interval) {
		this(log, interval, System::nanoTime);
	}

	ThrottledLog(Logger log, Duration interval, LongSupplier nanoTime) {
		this.log = log;
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
		this.windows = Caffeine.newBuilder().maximumSize(10_000).build();
	}

	public void warn(String message, Object argument) {
		warn(ONE_KEY, message, argument);
	}

	/**
	 * Logs {@code message} with its one {@code {}} argument unless a line for {@code key} was written
	 * within the interval.
	 */
	public void warn(Object key, String message, Object argument) {
		Window window = windows.get(key, any -> new Window());
		long now = nanoTime.getAsLong();
		long next = window.nextNanos.get();
		if ((next != Long.MIN_VALUE && now - next < 0) || !window.nextNanos.compareAndSet(next, now + intervalNanos)) {
			window.suppressed.incrementAndGet();
			return;
		}
		long times = window.suppressed.getAndSet(0) + 1;
		log.warn(message + " ({} times since the last such line)", argument, times);
	}
}
