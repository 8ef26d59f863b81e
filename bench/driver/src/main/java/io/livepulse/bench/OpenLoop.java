package io.livepulse.bench;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop schedule over keep-alive connections: request i is due at start + i x spacing, and
 * each connection takes the next ticket, waits for its due time and sends it, so a slow answer
 * delays that connection, never the schedule (latency counted from the due time shows the stall).
 * Stops after the last ticket, or at the planned length + 30 seconds whatever happens.
 */
final class OpenLoop {

	/** Sends ticket {@code index} on {@code connection}; counts its own outcome, failures included. */
	interface Request {

		void send(RawHttp connection, long index, long dueAtNanos);
	}

	/** POSTs counted by outcome, with the time from each due time to its 200 answer. */
	static final class Posts {

		final AtomicLong answered = new AtomicLong();
		final AtomicLong failed = new AtomicLong();
		final Latencies sinceDue = new Latencies();

		void send(RawHttp connection, String path, String headers, long dueAtNanos) {
			try {
				if (connection.request("POST", path, headers) == 200) {
					answered.incrementAndGet();
					sinceDue.add((System.nanoTime() - dueAtNanos) / 1000);
				}
				else {
					failed.incrementAndGet();
				}
			}
			catch (Exception ex) {
				failed.incrementAndGet();
			}
		}
	}

	private OpenLoop() {
	}

	/** Returns the elapsed seconds from the schedule's start to its end. */
	static double run(URI uri, long tickets, long spacingNanos, int connections, Request request) {
		AtomicLong next = new AtomicLong();
		long start = System.nanoTime() + 100_000_000L;
		long hardStop = start + tickets * spacingNanos + 30_000_000_000L;
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < connections; c++) {
				pool.submit(() -> {
					try (RawHttp connection = new RawHttp(uri)) {
						for (long i = next.getAndIncrement(); i < tickets && System.nanoTime() < hardStop;
								i = next.getAndIncrement()) {
							long dueAt = start + i * spacingNanos;
							long wait = dueAt - System.nanoTime();
							if (wait > 0) {
								LockSupport.parkNanos(wait);
							}
							request.send(connection, i, dueAt);
						}
					}
					return null;
				});
			}
		}
		return (System.nanoTime() - start) / 1e9;
	}
}
