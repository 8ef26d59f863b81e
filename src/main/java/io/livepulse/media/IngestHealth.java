package io.livepulse.media;

import java.time.Instant;

/** What the media server measured of an encoder's incoming video. */
record IngestHealth(long bitrateKbps, double frameRate, int width, int height, Instant measuredAt) {
}
