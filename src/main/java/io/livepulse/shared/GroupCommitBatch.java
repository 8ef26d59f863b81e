package io.livepulse.shared;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** How a group commit's writer gathers one batch from its queue (likes, ADR 0004; chat messages, ADR 0016). */
public final class GroupCommitBatch {

	private GroupCommitBatch() {
	}

	/**
	 * Adds to {@code batch} what the queue holds or receives until the batch has {@code max} items or
	 * {@code deadlineNanos} (on {@code nanoTime}'s scale) has passed; past the deadline it still takes
	 * what is already queued, without waiting.
	 *
	 * @throws InterruptedException when interrupted while waiting; {@code batch} keeps what was taken
	 */
	public static <T> void fill(BlockingQueue<T> queue, List<T> batch, int max, long deadlineNanos,
			LongSupplier nanoTime) throws InterruptedException {
		while (batch.size() < max) {
			long left = deadlineNanos - nanoTime.getAsLong();
			T next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
			if (next == null) {
				return;
			}
			batch.add(next);
		}
	}
}
