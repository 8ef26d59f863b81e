package io.livepulse.playback;

/**
 * How a stream's viewers are counted right now, for its seller and admins.
 *
 * @param verified true when a viewer counts only while their player fetches the video; false on a stream without
 *        video LivePulse hears the delivery of (presence only: every heartbeating viewer counts)
 * @param presentNotWatching viewers whose page heartbeats but whose player fetched no video lately: never in
 *        {@code viewers}, shown apart (this node's heartbeats)
 */
public record ViewerCounting(boolean verified, int presentNotWatching) {
}
