package io.livepulse.cluster;

import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the other nodes that something of a stream changed here and is committed, for modules whose state
 * other nodes hold a copy of (a stream's pin, for one): each of them then publishes
 * {@link ChangedOnAnotherNode} locally and re-reads the database, which stays the truth. Inside a
 * transaction the announcement waits for its commit (and is dropped on rollback); outside one it goes at
 * once. A no-op in single-node mode; never fails the change it announces (the announcement is lost while
 * Redis is down).
 * <p>
 * Callers listen with a plain {@code @EventListener}: a {@code @TransactionalEventListener} would be
 * recorded in Spring Modulith's event publication registry, a row written and updated twice for every
 * chat message, which halved the durable messages per second (BENCHMARKS.md row 4d).
 */
@Service
public class ClusterAnnouncements {

	/** Topics the cluster module handles itself. */
	private static final Set<String> RESERVED = Set.of("stream", "settings");

	private final ObjectProvider<ClusterEvents> events;

	ClusterAnnouncements(ObjectProvider<ClusterEvents> events) {
		this.events = events;
	}

	public void announce(String topic, long streamId) {
		announce(topic, streamId, 0);
	}

	/** The same, naming what changed within the stream (e.g. a chat message's id). */
	public void announce(String topic, long streamId, long item) {
		if (RESERVED.contains(topic)) {
			throw new IllegalArgumentException("topic '" + topic + "' is the cluster module's own");
		}
		ClusterEvents cluster = events.getIfAvailable();
		if (cluster == null) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			cluster.publish(topic, streamId, item);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				cluster.publish(topic, streamId, item);
			}
		});
	}
}
