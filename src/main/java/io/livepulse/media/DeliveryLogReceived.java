package io.livepulse.media;

import java.util.List;

/** Lines of an HLS delivery log a CDN posted (the playback module reads them like the media server's own). */
public record DeliveryLogReceived(List<String> lines) {
}
