/**
 * The audience simulator, for rehearsal streams only.
 */
@ApplicationModule(allowedDependencies = { "engagement", "presence", "settings", "stream" })
package io.livepulse.simulation;

import org.springframework.modulith.ApplicationModule;
