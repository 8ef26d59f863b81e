package io.livepulse.engagement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Group commit for likes: requests queue their like and wait; one writer thread takes whatever
 * has queued (up to the batch limit), writes it in one transaction, then moves the counters and
 * answers every waiting request with the total that includes its like. Under load one commit
 * serves many likes; when idle a like waits only for its own commit.
 */
final class LikeGroupCommitter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LikeGroupCommitter.class);

	/** A queued like, or a barrier (row == null) that completes once everything before it is committed. */
	record Pending(InteractionLog.LikeRow row, CompletableFuture<Long> acknowledgement) {
	}

	interface BatchWriter {

		void write(List<InteractionLog.LikeRow> rows);
	}

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
	private final BatchWriter writer;
	private final ToLongFunction<InteractionLog.LikeRow> afterCommit;
	private final int maxBatch;
	private final long windowNanos;
	private volatile boolean running;
	private Thread thread;

	LikeGroupCommitter(BatchWriter writer, ToLongFunction<InteractionLog.LikeRow> afterCommit, int maxBatch,
			long windowNanos) {
		this.writer = writer;
		this.afterCommit = afterCommit;
		this.maxBatch = maxBatch;
		this.windowNanos = windowNanos;
	}

	CompletableFuture<Long> submit(InteractionLog.LikeRow row) {
		CompletableFuture<Long> acknowledgement = new CompletableFuture<>();
		if (!running) {
			acknowledgement.completeExceptionally(new IllegalStateException("like writer is not running"));
			return acknowledgement;
		}
		queue.add(new Pending(row, acknowledgement));
		return acknowledgement;
	}

	/** Completes when every like queued before this call is committed. */
	CompletableFuture<Long> barrier() {
		CompletableFuture<Long> done = new CompletableFuture<>();
		if (!running) {
			done.complete(0L);
			return done;
		}
		queue.add(new Pending(null, done));
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
				if (windowNanos > 0) {
					long deadline = System.nanoTime() + windowNanos;
					while (batch.size() < maxBatch) {
						long left = deadline - System.nanoTime();
						Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
						if (next == null) {
							break;
						}
						batch.add(next);
					}
				}
				queue.drainTo(batch, maxBatch - batch.size());
				commit(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			finally {
				batch.clear();
			}
		}
	}

	private void commit(List<Pending> batch) {
		List<InteractionLog.LikeRow> rows = batch.stream().map(Pending::row).filter(row -> row != null).toList();
		try {
			if (!rows.isEmpty()) {
				writer.write(rows);
			}
		}
		catch (RuntimeException ex) {
			log.error("Could not commit a batch of {} likes; none of them were acknowledged", rows.size(), ex);
			batch.forEach(pending -> pending.acknowledgement().completeExceptionally(ex));
			return;
		}
		for (Pending pending : batch) {
			pending.acknowledgement().complete(pending.row() == null ? 0L : afterCommit.applyAsLong(pending.row()));
		}
	}

	@Override
	public synchronized void start() {
		running = true;
		thread = Thread.ofPlatform().name("like-group-commit").daemon(true).start(this::loop);
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (thread != null) {
			try {
				thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		// stop after the web server stopped taking requests, so queued likes are still committed
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}
}
