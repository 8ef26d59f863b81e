/**
 * Tokens and callers: JWT validation, the dev sign-in, security headers and secrets.
 */
@ApplicationModule(allowedDependencies = { "shared" })
package io.livepulse.security;

import org.springframework.modulith.ApplicationModule;
