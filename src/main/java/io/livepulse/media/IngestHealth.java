package io.livepulse.media;

import java.time.Instant;

/**
 * What the media server measured of an encoder's incoming video. The bitrate is null until measured
 * (nginx-rtmp computes it every 10 s and reports 0 before the first time).
 */
record IngestHealth(Long bitrateKbps, double frameRate, int width, int height, Instant measuredAt) {
}
