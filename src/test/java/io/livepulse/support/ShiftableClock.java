package io.livepulse.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The real time plus an offset a test moves forward (a timeout's expiry without waiting for it); or, from
 * {@link #stopped()}, a clock that moves only when the test moves it, for margins finer than a loaded machine's pauses.
 */
public final class ShiftableClock extends Clock {

	private final Instant stoppedAt;

	private volatile Duration offset = Duration.ZERO;

	public ShiftableClock() {
		this(null);
	}

	private ShiftableClock(Instant stoppedAt) {
		this.stoppedAt = stoppedAt;
	}

	public static ShiftableClock stopped() {
		return new ShiftableClock(Instant.now());
	}

	public void advance(Duration by) {
		offset = offset.plus(by);
	}

	public void reset() {
		offset = Duration.ZERO;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return (stoppedAt == null ? Instant.now() : stoppedAt).plus(offset);
	}
}
