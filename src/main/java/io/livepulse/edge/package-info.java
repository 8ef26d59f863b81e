/**
 * The edge: the fast lane that answers the hot routes ({@link io.livepulse.shared.HotRoute}) before
 * the security chain and MVC, with the chain's own headers and problem bodies (ADR 0008).
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "engagement", "presence", "security", "shared", "push", "stream" })
package io.livepulse.edge;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
