package io.livepulse.engagement;

/** The answer to an accepted like: the stream's real like total, including this like. */
record LikeResult(boolean accepted, long likes) {
}
