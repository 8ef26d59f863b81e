/**
 * Likes and purchases: admission, group commit, counters and their reconciliation with the log.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "cluster", "security", "settings", "shared", "stream" })
package io.livepulse.engagement;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
