package io.livepulse.media;

import java.util.List;

/**
 * Janus sent media to these WebRTC sessions in its last statistics period; each is named by the opaque id the
 * viewer's page gave it (its playback token), unchecked here.
 */
public record WebRtcMediaFlowed(List<String> sessionNames) {
}
