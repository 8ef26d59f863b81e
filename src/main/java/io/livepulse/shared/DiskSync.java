package io.livepulse.shared;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Forces what was committed to disk, for writes acknowledged as durable (likes, purchases, claims, chat
 * messages). H2 writes a commit to its file but never asks the OS to flush it, so without this an acknowledged
 * write could be lost in an OS crash or power loss; {@code CHECKPOINT SYNC} is its fsync. PostgreSQL flushes
 * its log on every commit, so there this does nothing.
 */
@Component
public class DiskSync implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DiskSync.class);

	private final JdbcTemplate jdbc;
	private final boolean forceToDisk;
	private final @Nullable ExecutorService syncer;
	private final Object batching = new Object();
	/** The callers waiting for the next sync, which has not begun yet; null when none wait. Guarded by {@code batching}. */
	private @Nullable CompletableFuture<Void> next;
	/** Syncs running now. Guarded by {@code batching}. */
	private int running;

	DiskSync(JdbcTemplate jdbc, StorageProperties properties) {
		this.jdbc = jdbc;
		this.forceToDisk = properties.forceToDisk() && "H2".equals(jdbc.execute(
				(ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName()));
		this.syncer = forceToDisk ? Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("disk-sync").factory())
				: null;
	}

	/**
	 * After a commit: on H2 an fsync of the database file; a failure is logged, the rows stay committed. A caller
	 * that finds no sync running syncs itself (a group commit's single writer, the usual case, pays nothing
	 * more); callers arriving while one runs share the next one (group sync), which one thread runs for all of
	 * them, each waiting for a sync that began after it asked, so no caller queues behind another's wake-up
	 * (10,000 claimers once queued here for seconds, each woken after the one before it).
	 */
	public void forceToDisk() {
		if (!forceToDisk) {
			return;
		}
		CompletableFuture<Void> shared = null;
		boolean first = false;
		synchronized (batching) {
			if (running == 0) {
				running++;
			}
			else {
				first = next == null;
				if (first) {
					next = new CompletableFuture<>();
				}
				shared = next;
			}
		}
		if (shared == null) {
			try {
				sync();
			}
			finally {
				synchronized (batching) {
					running--;
				}
			}
			return;
		}
		if (first) {
			try {
				syncer.execute(this::syncWaiting);
			}
			catch (RejectedExecutionException shuttingDown) {
				syncWaiting();
			}
		}
		shared.join();
	}

	private void syncWaiting() {
		CompletableFuture<Void> waiting;
		synchronized (batching) {
			waiting = next;
			next = null;
			running++;
		}
		// every caller waiting on this batch asked after its commit, and before this point
		try {
			sync();
			waiting.complete(null);
		}
		catch (RuntimeException | Error failed) {
			// as a caller syncing itself would: its write is not acknowledged as on disk
			waiting.completeExceptionally(failed);
			throw failed;
		}
		finally {
			synchronized (batching) {
				running--;
			}
		}
	}

	private void sync() {
		try {
			jdbc.execute("CHECKPOINT SYNC");
		}
		catch (DataAccessException failed) {
			log.warn("Could not force committed rows to disk", failed);
		}
	}

	@Override
	public void destroy() {
		if (syncer != null) {
			syncer.shutdown();
		}
	}
}
