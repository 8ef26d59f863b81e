package io.livepulse.media;

import org.jspecify.annotations.Nullable;

/**
 * Janus told something about a viewer's WebRTC session (by its handle): the mountpoint it watches (named by the
 * stream's playback id) or the viewer's side of its selected ICE pair. Published where Janus's event arrived; other
 * nodes learn it through {@link WebRtcSessions#learn}.
 *
 * @param relayed the peer is a TURN relay (then its address is the relay's, not the viewer's)
 */
public record WebRtcSessionLearned(long handle, @Nullable String mountpoint, @Nullable String peerAddress, boolean relayed) {
}
