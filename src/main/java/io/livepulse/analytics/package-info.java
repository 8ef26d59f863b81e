/**
 * Timelines and reports of streams: samples, per-stream analytics and CSV, the admin table.
 */
@ApplicationModule(allowedDependencies = { "engagement", "presence", "security", "shared", "shopping", "simulation", "stats", "stream" })
package io.livepulse.analytics;

import org.springframework.modulith.ApplicationModule;
