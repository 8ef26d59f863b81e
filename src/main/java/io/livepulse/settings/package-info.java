/**
 * The admin-editable stream settings and their audit.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "security", "shared" })
package io.livepulse.settings;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
