package io.livepulse.cluster;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.lettuce.core.ScriptOutputType;
import io.livepulse.shared.TokenBuckets;

/**
 * Token buckets by key (a user on a stream), shared by every node in cluster mode: one Lua call per
 * request refills and takes a token atomically in Redis, timed by Redis's clock, so a burst spread over
 * the nodes is limited as a whole. Without Redis (single-node mode, or Redis unreachable) each node
 * keeps local buckets; the health endpoint says which is in use.
 */
@Component
public class SharedRateLimits {

	private static final Logger log = LoggerFactory.getLogger(SharedRateLimits.class);

	/** KEYS[1] the bucket; ARGV capacity, refill per second. Returns 1 when a token was taken. */
	static final String TOKEN_BUCKET = """
			local capacity = tonumber(ARGV[1])
			local rate = tonumber(ARGV[2])
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
			local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
			local tokens = tonumber(bucket[1])
			local at = tonumber(bucket[2])
			if tokens == nil or at == nil then
			  tokens = capacity
			  at = now
			end
			tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000000 * rate)
			local granted = 0
			if tokens >= 1 then
			  tokens = tokens - 1
			  granted = 1
			end
			redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
			redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
			return granted
			""";

	private final @Nullable ClusterRedis redis;
	private final TokenBuckets local = new TokenBuckets(1_000_000, Duration.ofMinutes(1));
	private volatile boolean shared;

	SharedRateLimits(ObjectProvider<ClusterRedis> redis) {
		this.redis = redis.getIfAvailable();
		this.shared = this.redis != null;
	}

	/** Takes one token from the key's bucket (capacity {@code capacity}, refilled at {@code perSecond}) if it has one. */
	public boolean tryAcquire(String key, int capacity, double perSecond) {
		ClusterRedis cluster = redis;
		if (cluster != null) {
			try {
				boolean granted = evaluate(cluster, "livepulse:rate:" + key, capacity, perSecond);
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

	private static boolean evaluate(ClusterRedis cluster, String key, int capacity, double perSecond) {
		Long granted = cluster.eval(TOKEN_BUCKET, ScriptOutputType.INTEGER, new String[] { key },
				String.valueOf(capacity), String.valueOf(perSecond));
		return granted != null && granted == 1L;
	}
}
