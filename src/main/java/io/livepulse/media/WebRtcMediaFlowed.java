package io.livepulse.media;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Janus sent media to these WebRTC sessions in its last statistics period; each is named by the opaque id the
 * viewer's page gave it (its playback token), unchecked here.
 */
public record WebRtcMediaFlowed(List<Session> sessions) {

	/**
	 * @param mountpoint the mountpoint the session watches (a stream's playback id), if Janus told it
	 * @param peerAddress the viewer's address on the session's selected ICE pair, if Janus told it
	 * @param relayed the viewer reaches Janus through a TURN relay (then the address is the relay's, not the viewer's)
	 */
	public record Session(String name, @Nullable String mountpoint, @Nullable String peerAddress, boolean relayed) {
	}
}
