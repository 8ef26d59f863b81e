package io.livepulse.engagement;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers likes whose time is up, for the {@link LikeGroupCommitter}. Requests wait without a timer
 * of their own: a timed wait costs a virtual thread a scheduled task and a wake-up of the scheduler's
 * thread per like, so this one thread watches every unanswered like instead.
 */
final class AcknowledgementDeadlines {

	private static final Logger log = LoggerFactory.getLogger(AcknowledgementDeadlines.class);

	/** Every unanswered like in the order it arrived, which is also the order its time runs out. */
	private final Queue<LikeGroupCommitter.Pending> unanswered = new ConcurrentLinkedQueue<>();
	private final long ackTimeoutNanos;
	private final LongSupplier nanoTime;

	AcknowledgementDeadlines(long ackTimeoutNanos, LongSupplier nanoTime) {
		this.ackTimeoutNanos = ackTimeoutNanos;
		this.nanoTime = nanoTime;
	}

	void watch(LikeGroupCommitter.Pending pending) {
		unanswered.add(pending);
	}

	/**
	 * Answers the likes whose time is up: one still queued is taken out and answered "not stored"
	 * (the writer skips it), one the writer holds gets twice the time before "still storing".
	 */
	void answerOverdue() {
		long now = nanoTime.getAsLong();
		for (Iterator<LikeGroupCommitter.Pending> oldestFirst = unanswered.iterator(); oldestFirst.hasNext();) {
			LikeGroupCommitter.Pending pending = oldestFirst.next();
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

	/** Runs on its own thread while the writer may still answer; then answers everything left "not running". */
	void run(BooleanSupplier writerMayAnswer) {
		long pause = Math.clamp(ackTimeoutNanos / 20, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(50));
		while (writerMayAnswer.getAsBoolean()) {
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
		for (LikeGroupCommitter.Pending pending : unanswered) {
			if (pending.acknowledgement().abandon()) {
				pending.acknowledgement().completeExceptionally(new IllegalStateException("like writer is not running"));
			}
		}
		unanswered.clear();
	}
}
