/**
 * Tokens and callers: JWT validation, the dev sign-in, security headers and secrets.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "shared" })
package io.livepulse.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
