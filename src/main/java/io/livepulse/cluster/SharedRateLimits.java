package io.livepulse.cluster;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.livepulse.shared.TokenBuckets;

/**
 * Token buckets by key (a user on a stream), shared by every node in cluster mode: one bucket per key in
 * Redis, timed by Redis's clock, from which each node takes tokens in blocks ({@link TokenLeases}), so a
 * burst spread over the nodes is limited as a whole without a Redis call on most requests. Without Redis
 * (single-node mode, or Redis unreachable) each node keeps local buckets; the health endpoint says which
 * is in use.
 */
@Component
public class SharedRateLimits {

	private static final Logger log = LoggerFactory.getLogger(SharedRateLimits.class);

	private final @Nullable TokenLeases leases;
	private final TokenBuckets local = new TokenBuckets(1_000_000, Duration.ofMinutes(1));
	private volatile boolean shared;

	SharedRateLimits(ObjectProvider<ClusterRedis> redis) {
		ClusterRedis cluster = redis.getIfAvailable();
		this.leases = cluster == null ? null : new TokenLeases(cluster);
		this.shared = cluster != null;
	}

	/** Takes one token from the key's bucket (capacity {@code capacity}, refilled at {@code perSecond}) if it has one. */
	public boolean tryAcquire(String key, int capacity, double perSecond) {
		TokenLeases cluster = leases;
		if (cluster != null) {
			try {
				boolean granted = cluster.tryAcquire(key, capacity, perSecond);
				if (!shared) {
					log.info("Rate limits are shared through Redis again");
					shared = true;
				}
				return granted;
			}
			catch (RuntimeException unreachable) {
				if (shared) {
					log.warn("Redis unreachable: rate limits fall back to this node's own buckets ({})",
							unreachable.toString());
					shared = false;
				}
			}
		}
		return local.tryAcquire(key, capacity, perSecond, System.nanoTime());
	}

	/** False while limits are kept per node (single-node mode, or Redis unreachable at the last request). */
	public boolean shared() {
		return shared;
	}
}
