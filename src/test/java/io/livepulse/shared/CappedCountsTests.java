package io.livepulse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CappedCountsTests {

	@Test
	void aKeyHoldsAtMostItsCapAndGetsRoomBackOnRelease() {
		CappedCounts counts = new CappedCounts();

		assertThat(counts.tryAcquire("a", 2)).isTrue();
		assertThat(counts.tryAcquire("a", 2)).isTrue();
		assertThat(counts.tryAcquire("a", 2)).isFalse();
		assertThat(counts.tryAcquire("b", 2)).as("another key").isTrue();
		counts.release("a");

		assertThat(counts.count("a")).isEqualTo(1);
		assertThat(counts.tryAcquire("a", 2)).isTrue();
		counts.release("b");
		counts.release("b");
		assertThat(counts.count("b")).as("never below zero").isZero();
	}

	@Test
	void racingCallersNeverPassTheCapTogether() throws Exception {
		CappedCounts counts = new CappedCounts();
		AtomicInteger acquired = new AtomicInteger();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 2_000; i++) {
				pool.submit(() -> {
					if (counts.tryAcquire("hot", 25)) {
						acquired.incrementAndGet();
					}
				});
			}
		}

		assertThat(acquired).hasValue(25);
		assertThat(counts.count("hot")).isEqualTo(25);
	}
}
