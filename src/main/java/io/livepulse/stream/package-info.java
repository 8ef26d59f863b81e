/**
 * The stream lifecycle and stream keys.
 */
@ApplicationModule(allowedDependencies = { "security", "settings", "shared" })
package io.livepulse.stream;

import org.springframework.modulith.ApplicationModule;
