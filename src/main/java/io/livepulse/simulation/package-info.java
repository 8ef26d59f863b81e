/**
 * The audience simulator, for rehearsal streams only.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "cluster", "engagement", "presence", "settings", "stream" })
package io.livepulse.simulation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
