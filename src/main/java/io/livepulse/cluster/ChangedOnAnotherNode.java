package io.livepulse.cluster;

/**
 * Another node announced (through {@link ClusterAnnouncements}) that something of a stream changed there;
 * published on this node only, so that the module owning it re-reads it from the database.
 */
public record ChangedOnAnotherNode(String topic, long streamId) {
}
