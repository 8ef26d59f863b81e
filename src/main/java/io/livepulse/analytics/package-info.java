/**
 * Timelines and reports of streams: samples, per-stream analytics and CSV, the admin table.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "chat", "cluster", "engagement", "presence", "security", "shared", "shopping", "simulation", "push", "sales", "stream" })
package io.livepulse.analytics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
