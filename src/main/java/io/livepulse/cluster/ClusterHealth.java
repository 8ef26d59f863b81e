package io.livepulse.cluster;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code cluster} in the health endpoint: UP while Redis answers; DEGRADED (not DOWN: likes and purchases
 * stay durable and exact in the database, and rate limits fall back to local buckets) while it does not.
 */
@Component("cluster")
@ConditionalOnExpression(ClusterProperties.CLUSTER_MODE)
class ClusterHealth implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED",
			"Redis is unreachable: figures may be stale, rate limits are per node");

	private final ClusterRedis redis;
	private final ClusterProperties properties;
	private final SharedRateLimits rateLimits;

	ClusterHealth(ClusterRedis redis, ClusterProperties properties, SharedRateLimits rateLimits) {
		this.redis = redis;
		this.properties = properties;
		this.rateLimits = rateLimits;
	}

	@Override
	public Health health() {
		boolean reachable = redis.reachable();
		return Health.status(reachable ? Status.UP : DEGRADED)
			.withDetail("node", properties.node())
			.withDetail("redis", reachable ? "reachable" : "unreachable")
			.withDetail("rateLimits", rateLimits.shared() ? "shared" : "local to this node")
			.build();
	}
}
