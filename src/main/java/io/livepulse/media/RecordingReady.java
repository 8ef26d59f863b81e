package io.livepulse.media;

import java.time.Instant;

/** The media server finished a recording of the stream (once per file); its replay can be watched. */
public record RecordingReady(long streamId, String fileName, Instant at) {
}
