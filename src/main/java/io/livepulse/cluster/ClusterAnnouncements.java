package io.livepulse.cluster;

import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Tells the other nodes that something of a stream changed here and is committed, for modules whose state
 * other nodes hold a copy of (a stream's pin, for one): each of them then publishes
 * {@link ChangedOnAnotherNode} locally and re-reads the database, which stays the truth. A no-op in
 * single-node mode; never fails the change it announces (the announcement is lost while Redis is down).
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
		events.ifAvailable(cluster -> cluster.publish(topic, streamId, item));
	}
}
