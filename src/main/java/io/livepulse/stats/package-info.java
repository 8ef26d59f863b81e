/**
 * What each screen sees, and pushing it: the event stream and its port, seller stats.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "chat", "engagement", "media", "presence", "security", "settings", "shared", "shopping", "simulation", "stream" })
package io.livepulse.stats;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
