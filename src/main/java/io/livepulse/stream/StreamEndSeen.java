package io.livepulse.stream;

/**
 * This node learnt that a stream ended on another node (cluster mode), with its final metrics stored.
 * A plain, local event: the node that ended it published {@link StreamEnded}, whose listeners did the
 * once-only work; here only this node's own state (its subscribers, its viewers) follows.
 */
public record StreamEndSeen(long streamId) {
}
