package io.livepulse.shared;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Forces what was committed to disk, for writes acknowledged as durable (likes, purchases, chat messages).
 * H2 writes a commit to its file but never asks the OS to flush it, so without this an acknowledged write
 * could be lost in an OS crash or power loss; {@code CHECKPOINT SYNC} is its fsync. PostgreSQL flushes its
 * log on every commit, so there this does nothing.
 */
@Component
public class DiskSync {

	private static final Logger log = LoggerFactory.getLogger(DiskSync.class);

	private final JdbcTemplate jdbc;
	private final boolean forceToDisk;
	private final AtomicLong requested = new AtomicLong();
	private final Object syncing = new Object();
	/** The highest ticket a finished sync covers; read and written holding {@code syncing}. */
	private long synced;

	DiskSync(JdbcTemplate jdbc, StorageProperties properties) {
		this.jdbc = jdbc;
		this.forceToDisk = properties.forceToDisk() && "H2".equals(jdbc.execute(
				(ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName()));
	}

	/**
	 * After a commit: on H2 an fsync of the database file; a failure is logged, the rows stay committed. Callers
	 * arriving together share one fsync (group sync): a caller waits for a sync that began after its commit,
	 * so a burst of acknowledged writes pays for a few fsyncs instead of one each.
	 */
	public void forceToDisk() {
		if (!forceToDisk) {
			return;
		}
		long ticket = requested.incrementAndGet();
		synchronized (syncing) {
			if (synced >= ticket) {
				return;
			}
			// every ticket taken so far belongs to a commit made before this sync starts
			long covers = requested.get();
			try {
				jdbc.execute("CHECKPOINT SYNC");
			}
			catch (DataAccessException failed) {
				log.warn("Could not force committed rows to disk", failed);
			}
			synced = covers;
		}
	}
}
