package io.livepulse.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * A group commit (ADR 0004): a caller queues its item and waits; one writer thread takes what has queued within
 * the window of the first (at most {@code maxBatch}), writes it in one transaction, forces it to disk, and only
 * then answers every waiting caller. If the database refuses a row, each item is tried alone, so one bad row
 * refuses only its own caller; any other failure (no connection, a commit whose outcome is unknown) fails the
 * whole batch, as retrying could write an item twice. Stopping writes what queued before it. A caller waits
 * without a timer: every queued item is answered, written or failed, also when the writer ends early.
 * Subclasses: chat messages, flash-sale claims.
 *
 * @param <T> what a caller hands in
 * @param <R> what the writer answers for it, in the batch's order
 */
public abstract class GroupCommits<T, R> implements SmartLifecycle {

	/** Below the web server's phases: started before it takes requests, stopped after it drained them. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/** Writes a batch in one transaction and forces it to disk; returns one answer per item, in order. */
	public interface BatchWriter<T, R> {

		List<R> write(List<T> batch);
	}

	private record Pending<T, R>(T item, CompletableFuture<R> written) {
	}

	private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
	private final String name;
	private final BatchWriter<T, R> writer;
	private final int maxBatch;
	private final long windowNanos;
	private boolean running;
	private @Nullable Thread thread;

	protected GroupCommits(String name, BatchWriter<T, R> writer, int maxBatch, long windowNanos) {
		this.name = name;
		this.writer = writer;
		this.maxBatch = maxBatch;
		this.windowNanos = windowNanos;
	}

	/** The caller's answer when the writer is not taking items (the service is stopping). */
	protected abstract RuntimeException notTaking();

	/** The caller's answer when its item could not be written (nothing of it was). */
	protected abstract RuntimeException notWritten(Throwable cause);

	/** The caller's answer when interrupted while waiting (the item may still be written). */
	protected abstract RuntimeException interrupted();

	/** Writes the item durably with the next batch and returns the writer's answer for it. */
	protected R commit(T item) {
		Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
		synchronized (this) {
			if (!running) {
				throw notTaking();
			}
			queue.add(pending);
		}
		try {
			return pending.written().get();
		}
		catch (ExecutionException failed) {
			throw notWritten(failed.getCause());
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw interrupted();
		}
	}

	/** Items waiting for the writer. */
	public int queued() {
		return queue.size();
	}

	@Override
	public synchronized void start() {
		if (thread != null && thread.isAlive()) {
			throw new IllegalStateException("the previous " + name + " writer is still stopping");
		}
		running = true;
		thread = Thread.ofPlatform().name(name + "-group-commit").daemon(true).start(this::loop);
	}

	@Override
	public void stop() {
		Thread writerThread;
		synchronized (this) {
			running = false;
			writerThread = thread;
		}
		if (writerThread != null) {
			try {
				writerThread.join(10_000);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Runs until stopped and drained. Whatever ends it early (an interrupt, an Error) fails what is queued
	 * and stops taking items, so no caller waits for a writer that is gone.
	 */
	private void loop() {
		try {
			while (isRunning() || !queue.isEmpty()) {
				Pending<T, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first != null) {
					write(gather(first));
				}
			}
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		finally {
			synchronized (this) {
				running = false;
			}
			IllegalStateException gone = new IllegalStateException("the " + name + " writer stopped");
			for (Pending<T, R> left; (left = queue.poll()) != null;) {
				left.written().completeExceptionally(gone);
			}
		}
	}

	private List<Pending<T, R>> gather(Pending<T, R> first) {
		List<Pending<T, R>> batch = new ArrayList<>();
		batch.add(first);
		try {
			GroupCommitBatch.fill(queue, batch, maxBatch, System.nanoTime() + windowNanos, System::nanoTime);
		}
		catch (InterruptedException interrupted) {
			// what was taken is written and answered; the loop then ends on the interrupt
			Thread.currentThread().interrupt();
		}
		return batch;
	}

	private void write(List<Pending<T, R>> batch) {
		List<R> written;
		try {
			written = writer.write(batch.stream().map(Pending::item).toList());
		}
		catch (DataIntegrityViolationException refusedRow) {
			if (batch.size() == 1) {
				batch.getFirst().written().completeExceptionally(refusedRow);
				return;
			}
			for (Pending<T, R> alone : batch) {
				write(List.of(alone));
			}
			return;
		}
		catch (RuntimeException | Error failed) {
			batch.forEach(pending -> pending.written().completeExceptionally(failed));
			if (failed instanceof Error error) {
				throw error;
			}
			return;
		}
		if (written.size() != batch.size()) {
			IllegalStateException miscounted = new IllegalStateException("the " + name + " writer answered "
					+ written.size() + " of " + batch.size() + " items");
			batch.forEach(pending -> pending.written().completeExceptionally(miscounted));
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).written().complete(written.get(i));
		}
	}
}
