package io.livepulse.engagement;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The answer to a queued like: its new total once committed, or one of the outcomes below. The
 * writer claims a like before writing it; a request that stops waiting abandons it first, and an
 * abandoned like is never written, so a request answered "not counted" is never counted later.
 */
final class LikeAcknowledgement extends CompletableFuture<Long> {

	/** A batch writer's answer for a row it refused (its stream stopped being live while it was queued). */
	static final long REFUSED = -1;
	/** A batch writer's answer for a row the database refused (the rest of its batch was written without it). */
	static final long FAILED = -2;

	private static final int QUEUED = 0;
	private static final int CLAIMED = 1;
	private static final int ABANDONED = 2;

	private final AtomicInteger state = new AtomicInteger(QUEUED);

	/** True when the writer may write the like; false when its request abandoned it. */
	boolean claim() {
		return state.compareAndSet(QUEUED, CLAIMED);
	}

	/** True when the like will not be written; false when the writer has it and will answer. */
	boolean abandon() {
		return state.compareAndSet(QUEUED, ABANDONED) || state.get() == ABANDONED;
	}

	/** The like waited the acknowledgement timeout without reaching the writer; it will not be written. */
	static final class NotStoredInTime extends RuntimeException {

		NotStoredInTime() {
			super("the like was not stored in time and will not be", null, false, false);
		}
	}

	/** The writer has held the like for the acknowledgement timeout; its commit may still count it. */
	static final class StillStoring extends RuntimeException {

		StillStoring() {
			super("the like is still being stored", null, false, false);
		}
	}

	/** The writer refused this like (its stream stopped being live while it was queued). */
	static final class RefusedLike extends RuntimeException {

		RefusedLike() {
			super("the stream is no longer live", null, false, false);
		}
	}

	/** The database refused this like's row; it was not counted. */
	static final class FailedLike extends RuntimeException {

		FailedLike() {
			super("the database refused this like", null, false, false);
		}
	}

	/**
	 * The batch's statements all ran and its commit failed: the database may have committed it all the same (the
	 * connection dropped after it did), so its likes are not told "not counted".
	 */
	static final class CommitOutcomeUnknown extends RuntimeException {

		CommitOutcomeUnknown(RuntimeException cause) {
			super("the batch's commit failed; it may have been committed", cause);
		}
	}
}
