package io.livepulse.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikeRateLimiterTests {

	private static final long SECOND = 1_000_000_000L;
	private final LikeRateLimiter limiter = new LikeRateLimiter();

	@Test
	void allowsTheLimitInABurstThenRefusesUntilTokensRefill() {
		int granted = 0;
		for (int i = 0; i < 15; i++) {
			if (limiter.tryAcquire("u", 1, 10, 0)) {
				granted++;
			}
		}
		assertThat(granted).isEqualTo(10);
		assertThat(limiter.tryAcquire("u", 1, 10, SECOND / 20)).isFalse();
		assertThat(limiter.tryAcquire("u", 1, 10, SECOND / 10)).isTrue();
	}

	@Test
	void usersAndStreamsHaveTheirOwnBuckets() {
		for (int i = 0; i < 10; i++) {
			limiter.tryAcquire("u", 1, 10, 0);
		}
		assertThat(limiter.tryAcquire("u", 1, 10, 0)).isFalse();
		assertThat(limiter.tryAcquire("other", 1, 10, 0)).isTrue();
		assertThat(limiter.tryAcquire("u", 2, 10, 0)).isTrue();
	}

	@Test
	void aSustainedRateNeverExceedsTheLimitOverTime() {
		int granted = 0;
		for (long t = 0; t < 10 * SECOND; t += SECOND / 100) {
			if (limiter.tryAcquire("u", 1, 10, t)) {
				granted++;
			}
		}
		assertThat(granted).isBetween(100, 110);
	}
}
