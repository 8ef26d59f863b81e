/**
 * Several nodes (ADR 0015): cluster mode and its guards, the Redis connection, lifecycle and settings
 * events between nodes, the leader lease for jobs that must run once, and shared rate limits. In
 * single-node mode (no {@code livepulse.cluster.redis-url}) only the lease exists, and every node is its
 * own leader.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "security", "settings", "shared", "stream" })
package io.livepulse.cluster;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
