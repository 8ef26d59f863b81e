/**
 * Real viewers: device ids, heartbeats, sessions, peaks and watch time.
 */
@ApplicationModule(allowedDependencies = { "security", "settings", "shared", "stream" })
package io.livepulse.presence;

import org.springframework.modulith.ApplicationModule;
