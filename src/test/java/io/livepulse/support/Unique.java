package io.livepulse.support;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids no other test in the JVM uses, for tests that share a context and database: a vendor of its own
 * sees only its own streams and products, a user of its own only its own rate limits and bans.
 */
public final class Unique {

	private static final AtomicLong NEXT = new AtomicLong(1_000_000);

	private Unique() {
	}

	public static long vendorId() {
		return NEXT.incrementAndGet();
	}

	/** {@code prefix} and a number, e.g. {@code seller-1000042}. */
	public static String user(String prefix) {
		return prefix + "-" + NEXT.incrementAndGet();
	}
}
