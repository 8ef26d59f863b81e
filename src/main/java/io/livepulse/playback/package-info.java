/**
 * Verified viewers (issue 26): a viewer of a stream with video counts only while their player fetches it. Each
 * viewer's heartbeat carries a short-lived playback token bound to their viewer id and network; the player adds it
 * to every HLS request; the media server's delivery log (nginx {@code access_log syslog:} to a loopback UDP port)
 * is the evidence, read in the background, never on a request's path.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "cluster", "media", "security", "shared", "stream" })
package io.livepulse.playback;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
