package io.livepulse.shared;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

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
	private final ExecutorService syncer;
	private final Object batching = new Object();
	/** The callers waiting for the next sync, which has not begun yet; null when none wait. Guarded by {@code batching}. */
	private CompletableFuture<Void> next;

	DiskSync(JdbcTemplate jdbc, StorageProperties properties) {
		this.jdbc = jdbc;
		this.forceToDisk = properties.forceToDisk() && "H2".equals(jdbc.execute(
				(ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName()));
		this.syncer = forceToDisk ? Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("disk-sync").factory())
				: null;
	}

	/**
	 * After a commit: on H2 an fsync of the database file; a failure is logged, the rows stay committed. Callers
	 * arriving together share one fsync (group sync): one thread syncs, and each caller waits for the first sync
	 * that begins after it asked, so a burst of acknowledged writes pays for two fsyncs instead of one each, and
	 * no caller queues behind another's wake-up (10,000 claimers in a second once queued here for seconds).
	 */
	public void forceToDisk() {
		if (!forceToDisk) {
			return;
		}
		CompletableFuture<Void> sync;
		boolean first;
		synchronized (batching) {
			first = next == null;
			if (first) {
				next = new CompletableFuture<>();
			}
			sync = next;
		}
		if (first) {
			try {
				syncer.execute(this::syncWaiting);
			}
			catch (RejectedExecutionException shuttingDown) {
				syncWaiting();
			}
		}
		sync.join();
	}

	private void syncWaiting() {
		CompletableFuture<Void> waiting;
		synchronized (batching) {
			waiting = next;
			next = null;
		}
		// every caller waiting on this batch asked after its commit, and before this point
		try {
			jdbc.execute("CHECKPOINT SYNC");
		}
		catch (DataAccessException failed) {
			log.warn("Could not force committed rows to disk", failed);
		}
		waiting.complete(null);
	}

	@Override
	public void destroy() {
		if (syncer != null) {
			syncer.shutdown();
		}
	}
}
