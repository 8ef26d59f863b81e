package io.livepulse.media;

/** The media servers LivePulse has hooks for. */
enum MediaServer {
	NGINX_RTMP, MEDIAMTX, SRS
}
