package io.livepulse.playback;

/**
 * A viewer whose last heartbeat was not counted (no video fetched yet, or a stall) has just fetched enough to count:
 * presence counts them now rather than at their next heartbeat. {@code address} is the one they heartbeat from.
 */
public record ViewerBeganWatching(long streamId, String viewerId, String address) {
}
