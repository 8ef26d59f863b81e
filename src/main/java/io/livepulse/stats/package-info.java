/**
 * What each screen sees, and pushing it: the event stream, the fast lane, seller stats.
 */
@ApplicationModule(allowedDependencies = { "engagement", "media", "presence", "security", "settings", "shared", "shopping", "simulation", "stream" })
package io.livepulse.stats;

import org.springframework.modulith.ApplicationModule;
