package io.livepulse.engagement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.livepulse.shared.GroupCommitBatch;

/**
 * Group commit for likes (started and stopped by {@link LikeAdmission}): requests queue their like
 * and wait; one writer thread takes whatever has queued (up to the batch limit) and hands it to the {@link BatchWriter}, which writes it in
 * one transaction and moves the counters; every waiting request is answered with the total that
 * includes its like, or refused if the writer refused its row. No like waits longer than the
 * window for company (counted from its arrival, so likes that queued while the previous commit ran
 * do not wait again); under load one commit serves many likes.
 * <p>
 * Requests wait without a timer of their own (a timed wait cost about a tenth of the request
 * threads' CPU in a profile): {@link AcknowledgementDeadlines} answers the likes whose time is up.
 */
final class LikeGroupCommitter {

	private static final Logger log = LoggerFactory.getLogger(LikeGroupCommitter.class);

	/** A queued like, or a barrier (row == null) that completes once everything before it is committed. */
	record Pending(InteractionLog.LikeRow row, LikeAcknowledgement acknowledgement, long queuedAtNanos) {
	}

	/**
	 * Writes and counts a batch; returns each row's new total, or {@link LikeAcknowledgement#REFUSED} /
	 * {@link LikeAcknowledgement#FAILED} for a row it did not write.
	 */
	interface BatchWriter {

		long[] writeAndCount(List<InteractionLog.LikeRow> rows);
	}

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
	private final BatchWriter writer;
	private final int maxBatch;
	private final long windowNanos;
	private final long ackTimeoutNanos;
	private final LongSupplier nanoTime;
	private final AcknowledgementDeadlines deadlines;
	private volatile boolean running;
	private Thread thread;
	private Thread sweeper;

	LikeGroupCommitter(BatchWriter writer, int maxBatch, long windowNanos, long ackTimeoutNanos) {
		this(writer, maxBatch, windowNanos, ackTimeoutNanos, System::nanoTime);
	}

	LikeGroupCommitter(BatchWriter writer, int maxBatch, long windowNanos, long ackTimeoutNanos,
			LongSupplier nanoTime) {
		this.writer = writer;
		this.maxBatch = maxBatch;
		this.windowNanos = windowNanos;
		this.ackTimeoutNanos = ackTimeoutNanos;
		this.nanoTime = nanoTime;
		this.deadlines = new AcknowledgementDeadlines(ackTimeoutNanos, nanoTime);
	}

	/**
	 * Queues a like. The acknowledgement completes with its total once committed, or exceptionally:
	 * {@link LikeAcknowledgement.RefusedLike}, {@link LikeAcknowledgement.NotStoredInTime} after the
	 * acknowledgement timeout, {@link LikeAcknowledgement.StillStoring} after twice that if the writer still holds it, or the writer's failure.
	 */
	LikeAcknowledgement submit(InteractionLog.LikeRow row) {
		LikeAcknowledgement acknowledgement = new LikeAcknowledgement();
		if (!running) {
			acknowledgement.completeExceptionally(notRunning());
			return acknowledgement;
		}
		Pending pending = new Pending(row, acknowledgement, nanoTime.getAsLong());
		deadlines.watch(pending);
		queue.add(pending);
		if (!running && acknowledgement.abandon()) {
			// stopped meanwhile: the writer may have drained the queue for the last time already
			acknowledgement.completeExceptionally(notRunning());
		}
		return acknowledgement;
	}

	/** Completes when every like queued before this call is committed. */
	CompletableFuture<Long> barrier() {
		LikeAcknowledgement done = new LikeAcknowledgement();
		if (!running) {
			done.complete(0L);
			return done;
		}
		queue.add(new Pending(null, done, nanoTime.getAsLong()));
		return done;
	}

	private void loop() {
		List<Pending> batch = new ArrayList<>(maxBatch);
		while (running || !queue.isEmpty()) {
			try {
				Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				// the window counts from the oldest like's arrival: likes that queued while the last
				// commit ran have waited already, and under load the window adds no wait at all
				GroupCommitBatch.fill(queue, batch, maxBatch, first.queuedAtNanos() + windowNanos, nanoTime);
				commit(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail(batch, new IllegalStateException("like writer interrupted"));
				break;
			}
			finally {
				batch.clear();
			}
		}
		// a like queued just as the writer stopped is answered, not left waiting for its timeout
		List<Pending> left = new ArrayList<>();
		queue.drainTo(left);
		fail(left, notRunning());
	}

	private static IllegalStateException notRunning() {
		return new IllegalStateException("like writer is not running");
	}

	/** Answers the likes whose time is up (the deadline thread does this every few milliseconds). */
	void answerOverdue() {
		deadlines.answerOverdue();
	}

	private static void fail(List<Pending> pendings, Throwable cause) {
		pendings.forEach(pending -> pending.acknowledgement().completeExceptionally(cause));
	}

	private void commit(List<Pending> batch) {
		// likes whose request gave up waiting are left out: that request was told "not counted"
		List<Pending> likes = new ArrayList<>(batch.size());
		for (Pending pending : batch) {
			if (pending.row() == null) {
				continue;
			}
			// one that is not claimed was abandoned, and whoever abandoned it answers it
			if (pending.acknowledgement().claim()) {
				likes.add(pending);
			}
		}
		long[] totals;
		try {
			totals = likes.isEmpty() ? new long[0] : writer.writeAndCount(likes.stream().map(Pending::row).toList());
			if (totals.length != likes.size()) {
				throw new IllegalStateException("the writer answered " + totals.length + " totals for " + likes.size()
						+ " likes");
			}
		}
		catch (RuntimeException | Error ex) {
			// whatever went wrong, this thread must live on to serve the next batch
			log.error("Could not commit a batch of {} likes; none of them were acknowledged", likes.size(), ex);
			fail(batch, ex);
			return;
		}
		for (int i = 0; i < likes.size(); i++) {
			if (totals[i] == LikeAcknowledgement.REFUSED) {
				likes.get(i).acknowledgement().completeExceptionally(new LikeAcknowledgement.RefusedLike());
			}
			else if (totals[i] == LikeAcknowledgement.FAILED) {
				likes.get(i).acknowledgement().completeExceptionally(new LikeAcknowledgement.FailedLike());
			}
			else {
				likes.get(i).acknowledgement().complete(totals[i]);
			}
		}
		batch.stream().filter(pending -> pending.row() == null).forEach(barrier -> barrier.acknowledgement().complete(0L));
	}

	synchronized void start() {
		if (thread != null && thread.isAlive()) {
			throw new IllegalStateException("the previous like writer has not stopped yet");
		}
		running = true;
		Thread writerThread = Thread.ofPlatform().name("like-group-commit").daemon(true).start(this::loop);
		thread = writerThread;
		sweeper = Thread.ofPlatform().name("like-ack-deadlines").daemon(true)
			.start(() -> deadlines.run(() -> running || writerThread.isAlive()));
	}

	synchronized void stop() {
		running = false;
		if (thread != null) {
			try {
				thread.join(5_000);
				sweeper.join(1_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	boolean isRunning() {
		return running;
	}
}
