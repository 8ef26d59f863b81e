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
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.DiskSync;

/**
 * Group commit for chat messages, as for likes (ADR 0004): a post queues its message and waits; one writer
 * thread takes what has queued within {@code livepulse.chat.commit-window} of the first (at most
 * {@link #MAX_BATCH}), inserts it in one transaction, forces it to disk ({@link DiskSync}) and only then
 * answers every waiting post. If the batch fails, each message is tried alone, so one bad row refuses only
 * its own post. Stopping stores what queued before it.
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
			throw ApiProblem.serviceUnavailable("The post was interrupted while its message was being stored.");
		}
	}

	/** Messages waiting for the writer. */
	int queued() {
		return queue.size();
	}

	@Override
	public synchronized void start() {
		running = true;
		thread = Thread.ofPlatform().name("chat-group-commit").start(this::loop);
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

	private void loop() {
		while (isRunning() || !queue.isEmpty()) {
			try {
				Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first != null) {
					commit(gather(first));
				}
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private List<Pending> gather(Pending first) throws InterruptedException {
		List<Pending> batch = new ArrayList<>();
		batch.add(first);
		long deadline = System.nanoTime() + windowNanos;
		while (batch.size() < MAX_BATCH) {
			long left = deadline - System.nanoTime();
			Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
			if (next == null) {
				break;
			}
			batch.add(next);
		}
		return batch;
	}

	private void commit(List<Pending> batch) {
		List<ChatMessage> stored;
		try {
			stored = writer.write(batch.stream().map(Pending::message).toList());
		}
		catch (RuntimeException batchFailed) {
			if (batch.size() == 1) {
				batch.getFirst().stored().completeExceptionally(batchFailed);
				return;
			}
			for (Pending alone : batch) {
				commit(List.of(alone));
			}
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).stored().complete(stored.get(i));
		}
	}
}
