package io.livepulse.support;

/** Retries an assertion until it holds or the deadline passes (for state that converges, not for timing). */
public final class Eventually {

	private Eventually() {
	}

	public static void within(long millis, Runnable assertion) {
		long deadline = System.currentTimeMillis() + millis;
		while (true) {
			try {
				assertion.run();
				return;
			}
			catch (AssertionError | RuntimeException failure) {
				if (System.currentTimeMillis() > deadline) {
					throw failure;
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw failure;
				}
			}
		}
	}
}
