package io.livepulse.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.DiskSync;
import io.livepulse.shared.GroupCommitBatch;

/**
 * Group commit for chat messages, as for likes (ADR 0004): a post queues its message and waits; one writer
 * thread takes what has queued within {@code livepulse.chat.commit-window} of the first (at most
 * {@link #MAX_BATCH}), inserts it in one transaction, forces it to disk ({@link DiskSync}) and only then
 * answers every waiting post. If the database refuses a row, each message is tried alone, so one bad row
 * refuses only its own post. Stopping stores what queued before it. A post waits without a timer: every
 * queued message is answered, stored or failed, also when the writer ends early.
 */
@Component
class ChatCommits implements SmartLifecycle {

	static final int MAX_BATCH = 256;
	/** Below the web server's phases: started before it takes requests, stopped after it drained them. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
	private static final Logger log = LoggerFactory.getLogger(ChatCommits.class);

	/** A message to store, as posted. */
	record NewMessage(long streamId, String userId, String displayName, boolean fromSeller, String text,
			boolean rehearsal, boolean held, Instant at) {
	}

	/** Stores a batch in one transaction and forces it to disk; returns the stored messages in order. */
	interface BatchWriter {

		List<ChatMessage> write(List<NewMessage> batch);
	}

	private record Pending(NewMessage message, CompletableFuture<ChatMessage> stored) {
	}

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
	private final BatchWriter writer;
	private final long windowNanos;
	private boolean running;
	private @Nullable Thread thread;

	@Autowired
	ChatCommits(ChatRepository repository, TransactionTemplate transactions, DiskSync disk, ChatProperties properties) {
		this(batch -> {
			List<ChatMessage> stored = transactions.execute(status -> batch.stream().map(repository::insert).toList());
			disk.forceToDisk();
			return stored;
		}, properties.commitWindow().toNanos());
	}

	ChatCommits(BatchWriter writer, long windowNanos) {
		this.writer = writer;
		this.windowNanos = windowNanos;
	}

	/** Stores the message durably and returns it with its id; a 503 problem when it could not be stored. */
	ChatMessage store(NewMessage message) {
		Pending pending = new Pending(message, new CompletableFuture<>());
		synchronized (this) {
			if (!running) {
				throw ApiProblem.serviceUnavailable("Chat is not taking messages right now (the service is stopping); "
						+ "nothing was posted.");
			}
			queue.add(pending);
		}
		try {
			return pending.stored().get();
		}
		catch (ExecutionException failed) {
			log.warn("A chat message could not be stored", failed.getCause());
			throw ApiProblem.serviceUnavailable("The message could not be stored; nothing was posted. Try again.");
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw ApiProblem.serviceUnavailable("The post was interrupted while its message was being stored; "
					+ "the message may still appear.");
		}
	}

	/** Messages waiting for the writer. */
	int queued() {
		return queue.size();
	}

	@Override
	public synchronized void start() {
		if (thread != null && thread.isAlive()) {
			throw new IllegalStateException("the previous chat writer is still stopping");
		}
		running = true;
		thread = Thread.ofPlatform().name("chat-group-commit").daemon(true).start(this::loop);
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
	 * and stops taking messages, so no post waits for a writer that is gone.
	 */
	private void loop() {
		try {
			while (isRunning() || !queue.isEmpty()) {
				Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first != null) {
					commit(gather(first));
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
			IllegalStateException gone = new IllegalStateException("the chat writer stopped");
			for (Pending left; (left = queue.poll()) != null;) {
				left.stored().completeExceptionally(gone);
			}
		}
	}

	private List<Pending> gather(Pending first) {
		List<Pending> batch = new ArrayList<>();
		batch.add(first);
		try {
			GroupCommitBatch.fill(queue, batch, MAX_BATCH, System.nanoTime() + windowNanos, System::nanoTime);
		}
		catch (InterruptedException interrupted) {
			// what was taken is written and answered; the loop then ends on the interrupt
			Thread.currentThread().interrupt();
		}
		return batch;
	}

	/**
	 * Writes the batch and answers its posts. A row the database refuses rolls the batch back, so then each
	 * message is tried alone; any other failure (no connection, a commit whose outcome is unknown) fails
	 * the whole batch, as retrying could store a message twice or keep the writer busy with a dead database.
	 */
	private void commit(List<Pending> batch) {
		List<ChatMessage> stored;
		try {
			stored = writer.write(batch.stream().map(Pending::message).toList());
		}
		catch (DataIntegrityViolationException refusedRow) {
			if (batch.size() == 1) {
				batch.getFirst().stored().completeExceptionally(refusedRow);
				return;
			}
			for (Pending alone : batch) {
				commit(List.of(alone));
			}
			return;
		}
		catch (RuntimeException | Error failed) {
			batch.forEach(pending -> pending.stored().completeExceptionally(failed));
			if (failed instanceof Error error) {
				throw error;
			}
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).stored().complete(stored.get(i));
		}
	}
}
