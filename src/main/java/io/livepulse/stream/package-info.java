/**
 * The stream lifecycle and stream keys.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "security", "settings", "shared" })
package io.livepulse.stream;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
