package io.livepulse.presence;

/** Real viewers of one stream right now, the most there ever were at once, and how many ever joined. */
public record PresenceSnapshot(int viewers, int peakViewers, int uniqueViewers) {

	public static final PresenceSnapshot EMPTY = new PresenceSnapshot(0, 0, 0);
}
