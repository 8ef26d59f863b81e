/**
 * Real viewers: device ids, heartbeats, sessions, peaks and watch time.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "cluster", "playback", "security", "settings", "shared", "stream" })
package io.livepulse.presence;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
