package io.livepulse.support;

/**
 * The JUnit tags of the test classes that need a real part outside the JVM's own libraries, or are slow:
 * {@code bin/test --fast} leaves them out (surefire's excludedGroups), {@code bin/test} runs them all.
 * Everything untagged (unit, slice, module and H2 tests) is the fast set; {@link #SLOW} marks the few
 * tests of it that wait for seconds on purpose. The shared bases carry the
 * tag, so a new class inherits it: {@link LivePulsePostgresTest} ({@link #POSTGRES}), {@link RealVideoTest}
 * ({@link #MEDIA}) and the browser package's {@code BrowserTest} ({@link #BROWSER}).
 * {@code TestsNeedingARealPartAreTaggedTests} fails when a test reaches one of these parts untagged.
 */
public final class TestGroups {

	/** Starts Chromium (Playwright on Debian's chromium). */
	public static final String BROWSER = "browser";

	/** Starts nginx-rtmp and sends real video with ffmpeg. */
	public static final String MEDIA = "media";

	/** Uses the embedded PostgreSQL server (zonky's binaries). */
	public static final String POSTGRES = "postgres";

	/** Runs several nodes: embedded Redis, forked service JVMs. */
	public static final String CLUSTER = "cluster";

	/** Runs the shipped reverse-proxy configuration in a real nginx. */
	public static final String PROXY = "proxy";

	/**
	 * Waits for seconds on purpose (a timeout, a once-per-second rule, a restart): the fast loop leaves such
	 * a test out only where faster tests of its module stay in it. Not a real part: nothing checks it.
	 */
	public static final String SLOW = "slow";

	/** The groups of a real part, as surefire's excludedGroups takes them. */
	public static final String REAL_PARTS = BROWSER + "," + MEDIA + "," + POSTGRES + "," + CLUSTER + "," + PROXY;

	private TestGroups() {
	}
}
