package io.livepulse.cluster;

/**
 * Another node announced (through {@link ClusterAnnouncements}) that something of a stream changed there;
 * published on this node only, so that the module owning it re-reads it from the database. {@code item}
 * names what changed within the stream where the topic needs it (a chat message's id), else 0.
 */
public record ChangedOnAnotherNode(String topic, long streamId, long item) {
}
