/**
 * The admin-editable stream settings and their audit.
 */
@ApplicationModule(allowedDependencies = { "security", "shared" })
package io.livepulse.settings;

import org.springframework.modulith.ApplicationModule;
