package io.livepulse.engagement;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for likes (started and stopped by {@link LikeAdmission}): requests queue their like and wait; one writer thread takes whatever
 * has queued (up to the batch limit) and hands it to the {@link BatchWriter}, which writes it in
 * one transaction and moves the counters; every waiting request is answered with the total that
 * includes its like, or refused if the writer refused its row. No like waits longer than the
 * window for company (counted from its arrival, so likes that queued while the previous commit ran
 * do not wait again); under load one commit serves many likes.
 * <p>
 * Requests wait without a timer of their own: a timed wait costs a virtual thread a scheduled
 * task and a wake-up of the scheduler's thread per like (about a tenth of the request threads'
 * CPU in a profile), so one sweeper thread answers the likes whose time is up instead.
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
	/** Every unanswered like in the order it arrived, which is also the order its time runs out. */
	private final Queue<Pending> unanswered = new ConcurrentLinkedQueue<>();
	private final BatchWriter writer;
	private final int maxBatch;
	private final long windowNanos;
	private final long ackTimeoutNanos;
	private final LongSupplier nanoTime;
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
		unanswered.add(pending);
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
				long deadline = first.queuedAtNanos() + windowNanos;
				while (batch.size() < maxBatch) {
					long left = deadline - nanoTime.getAsLong();
					Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
					if (next == null) {
						break;
					}
					batch.add(next);
				}
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

	/**
	 * Answers the likes whose time is up: one still queued is taken out and answered "not stored"
	 * (the writer skips it), one the writer holds gets twice the time before "still storing".
	 */
	void answerOverdue() {
		long now = nanoTime.getAsLong();
		for (Iterator<Pending> oldestFirst = unanswered.iterator(); oldestFirst.hasNext();) {
			Pending pending = oldestFirst.next();
			LikeAcknowledgement acknowledgement = pending.acknowledgement();
			long waited = now - pending.queuedAtNanos();
			if (acknowledgement.isDone()) {
				oldestFirst.remove();
			}
			else if (waited < ackTimeoutNanos) {
				break;
			}
			else if (acknowledgement.abandon()) {
				acknowledgement.completeExceptionally(new LikeAcknowledgement.NotStoredInTime());
				oldestFirst.remove();
			}
			else if (waited >= 2 * ackTimeoutNanos) {
				acknowledgement.completeExceptionally(new LikeAcknowledgement.StillStoring());
				oldestFirst.remove();
			}
		}
	}

	private void sweep(Thread writerThread) {
		long pause = Math.clamp(ackTimeoutNanos / 20, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(50));
		while (running || writerThread.isAlive()) {
			try {
				answerOverdue();
			}
			catch (Throwable ex) {
				// requests wait on this thread without a timer of their own: it must live on
				log.error("Could not answer overdue likes; trying again", ex);
			}
			LockSupport.parkNanos(pause);
			Thread.interrupted(); // an interrupt must not turn the pause into a busy loop
		}
		// the writer is gone: nothing still unanswered will be written
		for (Pending pending : unanswered) {
			if (pending.acknowledgement().abandon()) {
				pending.acknowledgement().completeExceptionally(notRunning());
			}
		}
		unanswered.clear();
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
		sweeper = Thread.ofPlatform().name("like-ack-deadlines").daemon(true).start(() -> sweep(writerThread));
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
