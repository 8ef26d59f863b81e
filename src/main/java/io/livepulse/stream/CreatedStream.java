package io.livepulse.stream;

/** A new stream and its key, returned once to the seller who created it. */
record CreatedStream(Stream stream, StreamKey key) {
}
