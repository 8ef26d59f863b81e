package io.livepulse.cluster;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Hands a small payload to every other node (cluster mode), for state that lives in each node's memory and reaches
 * only one node from outside (a media server's report posted to one node behind the balancer): each other node
 * publishes {@link RelayedFromAnotherNode} locally. Best effort, like {@link ClusterAnnouncements}: lost while Redis
 * is down; callers batch (one relay carries many items).
 */
@Service
public class ClusterRelay {

	/** Larger payloads are refused: the relay stream keeps its last 200 entries in Redis's memory. */
	public static final int MAX_PAYLOAD = 64 * 1024;

	private final ObjectProvider<ClusterEvents> events;

	ClusterRelay(ObjectProvider<ClusterEvents> events) {
		this.events = events;
	}

	/** Whether there are other nodes to relay to (cluster mode). */
	public boolean enabled() {
		return events.getIfAvailable() != null;
	}

	public void relay(String topic, String payload) {
		if (payload.length() > MAX_PAYLOAD) {
			throw new IllegalArgumentException("a relayed payload is at most " + MAX_PAYLOAD + " characters");
		}
		ClusterEvents cluster = events.getIfAvailable();
		if (cluster != null) {
			cluster.relay(topic, payload);
		}
	}
}
