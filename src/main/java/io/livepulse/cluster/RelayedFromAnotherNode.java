package io.livepulse.cluster;

/** Another node relayed this through {@link ClusterRelay} (published on this node only). */
public record RelayedFromAnotherNode(String topic, String payload) {
}
