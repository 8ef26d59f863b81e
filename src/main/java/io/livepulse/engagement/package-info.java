/**
 * Likes and purchases: admission, group commit, counters and their reconciliation with the log.
 */
@ApplicationModule(allowedDependencies = { "security", "settings", "shared", "stream" })
package io.livepulse.engagement;

import org.springframework.modulith.ApplicationModule;
