package io.livepulse.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Which claims go to the database: only as many units as the sale (as last read) has left, per node. */
class ClaimsInFlightTests {

	private final ClaimsInFlight inFlight = new ClaimsInFlight();

	@Test
	void claimsOnTheirWayHoldTheUnitsLeftUntilTheirAnswerIsIn() {
		ClaimsInFlight.Reservation two = inFlight.reserve(7, 3, 2);
		assertThat(two).isNotNull();
		assertThat(inFlight.reserve(7, 3, 2)).as("2 of the 3 units are on their way").isNull();
		assertThat(inFlight.reserve(7, 3, 1)).isNotNull();
		assertThat(inFlight.reserve(8, 3, 3)).as("another sale's units are its own").isNotNull();

		two.release();

		assertThat(inFlight.taking(7)).isEqualTo(1);
		assertThat(inFlight.reserve(7, 3, 2)).isNotNull();
	}

	@Test
	void aRushOf10000ClaimsSendsNoMoreThanTheUnitsLeftToTheDatabaseAtOnce() throws Exception {
		AtomicInteger admitted = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService claimers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 10_000; i++) {
				claimers.submit(() -> {
					start.await();
					if (inFlight.reserve(1, 100, 1) != null) {
						admitted.incrementAndGet();
					}
					return null;
				});
			}
			start.countDown();
		}
		assertThat(admitted).hasValue(100);
		assertThat(inFlight.taking(1)).isEqualTo(100);
	}

	@Test
	void aClaimWaitingForUnitsIsWokenByTheNextAnswer() {
		assertThat(inFlight.nextAnswer(3)).as("nothing on its way").isDone();
		ClaimsInFlight.Reservation one = inFlight.reserve(3, 1, 1);
		CompletableFuture<Void> answered = inFlight.nextAnswer(3);
		assertThat(answered).isNotDone();

		one.release();

		assertThat(answered).isDone();
		assertThat(inFlight.nextAnswer(3)).isDone();
	}

	@Test
	void anEndedSaleWakesItsWaitersAndALateAnswerLeavesItsSuccessorAlone() {
		ClaimsInFlight.Reservation late = inFlight.reserve(5, 10, 4);
		CompletableFuture<Void> waiting = inFlight.nextAnswer(5);

		inFlight.forget(5);

		assertThat(waiting).as("a waiter is not left waiting for an ended sale").isDone();
		assertThat(inFlight.taking(5)).isZero();
		inFlight.reserve(5, 10, 3);
		late.release();
		assertThat(inFlight.taking(5)).as("the late answer released the units it took, not these").isEqualTo(3);
	}
}
