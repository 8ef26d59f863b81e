package io.livepulse.push;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The events waiting for one subscriber that is written from any thread. Events go out in the order
 * they were queued, each once: whoever finds the subscriber idle writes everything waiting, and one
 * that finds it busy leaves the rest to that writer. Nothing is skipped, because a chat event is not a
 * snapshot (a skipped one would lose messages); a subscriber more than {@code maxWaiting} events
 * behind is let go instead, and its page reconnects and reads the chat again. Only the thread holding
 * the writing flag writes or completes, so letting go never waits on a blocked write.
 */
final class SubscriberQueue {

	static final int MAX_WAITING = 32;

	private final int maxWaiting;
	private final Predicate<byte[]> write;
	private final Runnable complete;
	private final Runnable abort;
	private final Queue<byte[]> waiting = new ConcurrentLinkedQueue<>();
	private final AtomicInteger waitingCount = new AtomicInteger();
	private final AtomicBoolean writing = new AtomicBoolean();
	/** The stream's last event once queued: whoever writes it completes the subscriber. */
	private final AtomicReference<byte[]> lastEvent = new AtomicReference<>();
	/** Takes no more events: let go, ended, or went away. */
	private final AtomicBoolean gone = new AtomicBoolean();
	/** Completed, or went away (a failed write completes it with the error). */
	private final AtomicBoolean finished = new AtomicBoolean();

	/**
	 * @param write writes one event; false when the subscriber went away (it completed itself)
	 * @param complete ends the subscriber's response; called once, after its last event or when let go
	 * @param abort drops the subscriber's connection at once, when it falls too far behind: a client that
	 * stopped reading would otherwise hold a write, and what its socket queued, until the write times out
	 */
	SubscriberQueue(Predicate<byte[]> write, Runnable complete, Runnable abort) {
		this(MAX_WAITING, write, complete, abort);
	}

	SubscriberQueue(int maxWaiting, Predicate<byte[]> write, Runnable complete, Runnable abort) {
		this.maxWaiting = maxWaiting;
		this.write = write;
		this.complete = complete;
		this.abort = abort;
	}

	/**
	 * Queues the event, in the caller's order; {@link #drain} writes it. False when the subscriber is
	 * gone: it went away, ended, or fell too far behind and is let go now.
	 */
	boolean enqueue(byte[] event) {
		if (gone.get() || lastEvent.get() != null) {
			return false;
		}
		if (waitingCount.incrementAndGet() > maxWaiting) {
			if (!gone.get()) {
				abort.run();
			}
			letGo();
			return false;
		}
		waiting.add(event);
		return true;
	}

	/** Queues the stream's last event, past the limit if need be; the subscriber completes once it is written. */
	void enqueueLast(byte[] endedEvent) {
		if (gone.get() || !lastEvent.compareAndSet(null, endedEvent)) {
			return;
		}
		waitingCount.incrementAndGet();
		waiting.add(endedEvent);
	}

	/**
	 * Writes whatever waits unless another thread is writing (which then writes it too). False when the
	 * subscriber is gone.
	 */
	boolean drain() {
		// the outer check catches an event queued between the last poll and letting go of the flag
		while (!gone.get() && !waiting.isEmpty() && writing.compareAndSet(false, true)) {
			try {
				for (byte[] next; !gone.get() && (next = waiting.poll()) != null;) {
					waitingCount.decrementAndGet();
					if (!write.test(next)) {
						finished.set(true);
						gone.set(true);
					}
					else if (next == lastEvent.get()) {
						gone.set(true);
					}
				}
			}
			finally {
				writing.set(false);
			}
		}
		if (gone.get()) {
			finishIfIdle();
		}
		return !gone.get();
	}

	/** Whether a thread is writing to this subscriber now (it then writes whatever is queued meanwhile too). */
	boolean busy() {
		return writing.get();
	}

	/** Takes no more events and completes the subscriber, now or when the write under way ends. */
	void letGo() {
		if (gone.compareAndSet(false, true)) {
			waiting.clear();
		}
		finishIfIdle();
	}

	/** Completes unless a write is under way: that writer sees {@code gone} and completes as it leaves. */
	private void finishIfIdle() {
		if (writing.compareAndSet(false, true)) {
			try {
				if (finished.compareAndSet(false, true)) {
					complete.run();
				}
			}
			finally {
				writing.set(false);
			}
		}
	}
}
