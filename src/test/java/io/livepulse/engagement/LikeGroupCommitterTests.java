package io.livepulse.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LikeGroupCommitterTests {

	private static final long LONG_TIMEOUT = TimeUnit.MINUTES.toNanos(5);

	private final List<Integer> batchSizes = new ArrayList<>();
	private final List<String> written = new ArrayList<>();
	private final AtomicLong counted = new AtomicLong();
	private final CountDownLatch firstCommitEntered = new CountDownLatch(1);
	private final CountDownLatch releaseFirstCommit = new CountDownLatch(1);
	private LikeGroupCommitter committer;

	@AfterEach
	void stop() {
		releaseFirstCommit.countDown();
		if (committer != null) {
			committer.stop();
		}
	}

	/** Counts every row and records each batch and who was written; the first commit waits until released. */
	private LikeGroupCommitter.BatchWriter holdingTheFirstCommit() {
		return counting(rows -> {
			synchronized (written) {
				batchSizes.add(rows.size());
				rows.forEach(row -> written.add(row.userId()));
			}
			if (firstCommitEntered.getCount() > 0) {
				firstCommitEntered.countDown();
				await(releaseFirstCommit);
			}
		});
	}

	private void awaitTheFirstCommit() throws InterruptedException {
		assertThat(firstCommitEntered.await(5, TimeUnit.SECONDS)).as("the writer began its first commit").isTrue();
	}

	/** A writer that records the batch and counts every row, like the service's. */
	private LikeGroupCommitter.BatchWriter counting(java.util.function.Consumer<List<InteractionLog.LikeRow>> write) {
		return rows -> {
			write.accept(rows);
			long[] totals = new long[rows.size()];
			for (int i = 0; i < totals.length; i++) {
				totals[i] = counted.incrementAndGet();
			}
			return totals;
		};
	}

	private static InteractionLog.LikeRow like(int i) {
		return new InteractionLog.LikeRow(1, "user-" + i, false, 0);
	}

	@Test
	void likesQueuedWhileACommitRunsShareTheNextTransaction() throws Exception {
		committer = new LikeGroupCommitter(holdingTheFirstCommit(), 1000, 0, LONG_TIMEOUT);
		committer.start();

		CompletableFuture<Long> first = committer.submit(like(0));
		awaitTheFirstCommit();
		List<CompletableFuture<Long>> waiting = new ArrayList<>();
		for (int i = 1; i <= 99; i++) {
			waiting.add(committer.submit(like(i)));
		}
		releaseFirstCommit.countDown();

		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
		List<Long> totals = new ArrayList<>();
		for (CompletableFuture<Long> future : waiting) {
			totals.add(future.get(5, TimeUnit.SECONDS));
		}
		assertThat(batchSizes).containsExactly(1, 99);
		assertThat(totals).doesNotHaveDuplicates().allSatisfy(total -> assertThat(total).isBetween(2L, 100L));
	}

	@Test
	void likesThatWaitedTheWindowWhileACommitRanAreCommittedWithoutWaitingAgain() throws Exception {
		AtomicLong clock = new AtomicLong();
		committer = new LikeGroupCommitter(holdingTheFirstCommit(), 100, TimeUnit.SECONDS.toNanos(60),
				TimeUnit.DAYS.toNanos(1), clock::get);
		committer.start();

		List<CompletableFuture<Long>> acknowledgements = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			acknowledgements.add(committer.submit(like(i)));
		}
		awaitTheFirstCommit();
		for (int i = 100; i < 150; i++) {
			acknowledgements.add(committer.submit(like(i)));
		}
		clock.addAndGet(TimeUnit.SECONDS.toNanos(61)); // the first commit took longer than the window
		releaseFirstCommit.countDown();

		// waiting a second 60-second window would leave these unanswered
		for (CompletableFuture<Long> acknowledgement : acknowledgements) {
			assertThat(acknowledgement.get(5, TimeUnit.SECONDS)).isBetween(1L, 150L);
		}
	}

	@Test
	void aLikeAbandonedByItsRequestIsNeverWrittenWhileOneTheWriterHoldsIsAnsweredAnyway() throws Exception {
		committer = new LikeGroupCommitter(holdingTheFirstCommit(), 1000, 0, LONG_TIMEOUT);
		committer.start();

		LikeAcknowledgement held = committer.submit(like(0));
		awaitTheFirstCommit();
		LikeAcknowledgement waiting = committer.submit(like(1));
		LikeAcknowledgement kept = committer.submit(like(2));

		assertThat(held.abandon()).as("the writer already holds it").isFalse();
		assertThat(waiting.abandon()).as("still queued").isTrue();
		releaseFirstCommit.countDown();

		assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(kept.get(5, TimeUnit.SECONDS)).isEqualTo(2);
		assertThat(written).containsExactly("user-0", "user-2");
		assertThat(waiting).as("its request answers it, not the writer").isNotDone();
	}

	@Test
	void aLikeStillQueuedWhenItsTimeIsUpIsAnsweredNotStoredAndIsNeverWritten() throws Exception {
		AtomicLong clock = new AtomicLong();
		committer = new LikeGroupCommitter(holdingTheFirstCommit(), 1000, 0, TimeUnit.SECONDS.toNanos(10), clock::get);
		committer.start();
		LikeAcknowledgement held = committer.submit(like(0));
		awaitTheFirstCommit();
		LikeAcknowledgement queued = committer.submit(like(1));

		clock.addAndGet(TimeUnit.SECONDS.toNanos(9));
		committer.answerOverdue();
		assertThat(queued).as("nine of its ten seconds").isNotDone();
		clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
		committer.answerOverdue();

		assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS))
			.hasCauseInstanceOf(LikeAcknowledgement.NotStoredInTime.class);
		assertThat(held).as("the writer holds it: its commit decides, for twice the timeout").isNotDone();
		releaseFirstCommit.countDown();
		assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo(1);
		committer.submit(like(2)).get(5, TimeUnit.SECONDS);
		assertThat(written).containsExactly("user-0", "user-2");
	}

	@Test
	void aLikeTheWriterHoldsForTwiceTheTimeoutIsAnsweredStillStoringAndItsCommitStillCountsIt() throws Exception {
		AtomicLong clock = new AtomicLong();
		committer = new LikeGroupCommitter(holdingTheFirstCommit(), 1000, 0, TimeUnit.SECONDS.toNanos(10), clock::get);
		committer.start();
		LikeAcknowledgement held = committer.submit(like(0));
		awaitTheFirstCommit();

		clock.addAndGet(TimeUnit.SECONDS.toNanos(19));
		committer.answerOverdue();
		assertThat(held).isNotDone();
		clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
		committer.answerOverdue();

		assertThatThrownBy(() -> held.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(LikeAcknowledgement.StillStoring.class);
		releaseFirstCommit.countDown();
		committer.barrier().get(5, TimeUnit.SECONDS);
		assertThat(counted).as("answered 'may yet be counted', and it was").hasValue(1);
	}

	@Test
	void overdueLikesAreAnsweredWithoutAnyoneAsking() throws Exception {
		committer = new LikeGroupCommitter(holdingTheFirstCommit(), 1000, 0, TimeUnit.MILLISECONDS.toNanos(50));
		committer.start();
		committer.submit(like(0));
		awaitTheFirstCommit();
		LikeAcknowledgement queued = committer.submit(like(1));

		assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS))
			.hasCauseInstanceOf(LikeAcknowledgement.NotStoredInTime.class);
	}

	@Test
	void aWriterThatThrowsAnErrorFailsItsBatchAndTheNextBatchIsStillWritten() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		committer = new LikeGroupCommitter(counting(rows -> {
			if (calls.incrementAndGet() == 1) {
				throw new AssertionError("disk on fire");
			}
		}), 1000, 0, LONG_TIMEOUT);
		committer.start();

		CompletableFuture<Long> failed = committer.submit(like(0));
		assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(AssertionError.class);
		assertThat(committer.submit(like(1)).get(5, TimeUnit.SECONDS)).isEqualTo(1);
	}

	@Test
	void aFailedCommitAcknowledgesNoneOfItsLikesAndCountsNothing() {
		committer = new LikeGroupCommitter(counting(rows -> {
			throw new IllegalStateException("disk full");
		}), 1000, 0, LONG_TIMEOUT);
		committer.start();

		CompletableFuture<Long> like = committer.submit(like(1));

		assertThatThrownBy(() -> like.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasRootCauseMessage("disk full");
		assertThat(counted).hasValue(0);
	}

	@Test
	void aBarrierCompletesOnlyAfterEverythingQueuedBeforeItIsCommitted() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		committer = new LikeGroupCommitter(counting(rows -> await(release)), 1000, 0, LONG_TIMEOUT);
		committer.start();
		for (int i = 0; i < 10; i++) {
			committer.submit(like(i));
		}

		CompletableFuture<Long> barrier = committer.barrier();
		assertThat(barrier).isNotDone();
		release.countDown();
		barrier.get(5, TimeUnit.SECONDS);

		assertThat(counted).hasValue(10);
	}

	@Test
	void batchesNeverExceedTheLimit() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		committer = new LikeGroupCommitter(counting(rows -> {
			synchronized (batchSizes) {
				batchSizes.add(rows.size());
			}
			await(release);
		}), 10, 0, LONG_TIMEOUT);
		committer.start();
		List<CompletableFuture<Long>> all = new ArrayList<>();
		for (int i = 0; i < 35; i++) {
			all.add(committer.submit(like(i)));
		}
		release.countDown();
		for (CompletableFuture<Long> future : all) {
			future.get(5, TimeUnit.SECONDS);
		}

		assertThat(batchSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(10));
		assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(35);
	}

	@Test
	void rowsTheWriterRefusesAreNotAcknowledgedWhileTheRestOfTheBatchIs() throws Exception {
		committer = new LikeGroupCommitter(rows -> {
			long[] totals = new long[rows.size()];
			for (int i = 0; i < totals.length; i++) {
				totals[i] = rows.get(i).streamId() == 2 ? LikeAcknowledgement.REFUSED : counted.incrementAndGet();
			}
			return totals;
		}, 1000, 0, LONG_TIMEOUT);
		committer.start();

		CompletableFuture<Long> onLiveStream = committer.submit(new InteractionLog.LikeRow(1, "a", false, 0));
		CompletableFuture<Long> onEndedStream = committer.submit(new InteractionLog.LikeRow(2, "b", false, 0));

		assertThat(onLiveStream.get(5, TimeUnit.SECONDS)).isEqualTo(1);
		assertThatThrownBy(() -> onEndedStream.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(LikeAcknowledgement.RefusedLike.class);
		assertThat(counted).hasValue(1);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
