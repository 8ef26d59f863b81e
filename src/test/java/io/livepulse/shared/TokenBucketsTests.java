package io.livepulse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketsTests {

	private static final long SECOND = 1_000_000_000L;
	private final TokenBuckets limiter = new TokenBuckets(1_000, java.time.Duration.ofMinutes(1));

	@Test
	void allowsTheLimitInABurstThenRefusesUntilTokensRefill() {
		int granted = 0;
		for (int i = 0; i < 15; i++) {
			if (limiter.tryAcquire("1|u", 10, 10, 0)) {
				granted++;
			}
		}
		assertThat(granted).isEqualTo(10);
		assertThat(limiter.tryAcquire("1|u", 10, 10, SECOND / 20)).isFalse();
		assertThat(limiter.tryAcquire("1|u", 10, 10, SECOND / 10)).isTrue();
	}

	@Test
	void usersAndStreamsHaveTheirOwnBuckets() {
		for (int i = 0; i < 10; i++) {
			limiter.tryAcquire("1|u", 10, 10, 0);
		}
		assertThat(limiter.tryAcquire("1|u", 10, 10, 0)).isFalse();
		assertThat(limiter.tryAcquire("1|other", 10, 10, 0)).isTrue();
		assertThat(limiter.tryAcquire("2|u", 10, 10, 0)).isTrue();
	}

	@Test
	void aSustainedRateNeverExceedsTheLimitOverTime() {
		int granted = 0;
		for (long t = 0; t < 10 * SECOND; t += SECOND / 100) {
			if (limiter.tryAcquire("1|u", 10, 10, t)) {
				granted++;
			}
		}
		assertThat(granted).isBetween(100, 110);
	}
}
