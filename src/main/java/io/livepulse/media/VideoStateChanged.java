package io.livepulse.media;

/** Published when a stream's encoder connected, dropped, or its playback id changed. */
public record VideoStateChanged(long streamId, VideoState state) {
}
