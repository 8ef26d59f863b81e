package io.livepulse.engagement;

/** Real viewers who liked at least once, and the real likes they gave. */
public record EngagedViewers(long viewers, long likes) {
}
