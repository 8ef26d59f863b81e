package io.livepulse.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.ScriptOutputType;

/**
 * Shared token buckets reached in blocks: a node takes a block of a bucket's tokens from Redis at once (a
 * quarter of its capacity) and hands them out from memory. In the background it tops the block up when
 * half is spent, and renews it when half its lease ({@link #LEASE}) has passed, so a key in steady
 * use never waits for Redis; a request waits only when its node holds none of the key's tokens (its first
 * on this node, or after a pause). Every token comes out of the one bucket in Redis, so a burst spread
 * over the nodes is limited as a whole. Tokens a node held past their lease go back to the bucket with
 * its next take. So a key gets at most the bucket's limit, plus what the nodes held when its requests
 * moved between them (a block and a half per node at most).
 */
final class TokenLeases {

	private static final Logger log = LoggerFactory.getLogger(TokenLeases.class);

	/** How long a block taken from Redis may be handed out. */
	static final Duration LEASE = Duration.ofSeconds(4);

	/**
	 * KEYS[1] the bucket; ARGV capacity, refill per second, tokens wanted, tokens given back (held past their
	 * lease, never handed out). Returns the tokens granted.
	 */
	static final String TAKE = """
			local capacity = tonumber(ARGV[1])
			local rate = tonumber(ARGV[2])
			local wanted = tonumber(ARGV[3])
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
			local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
			local tokens = tonumber(bucket[1])
			local at = tonumber(bucket[2])
			if tokens == nil or at == nil then
			  tokens = capacity
			  at = now
			end
			tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000000 * rate + tonumber(ARGV[4]))
			local granted = math.min(wanted, math.floor(tokens))
			tokens = tokens - granted
			redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
			redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
			return granted
			""";

	private static final class Lease {

		int tokens;
		long expiresAtNanos;
		boolean refilling;
	}

	private final ClusterRedis redis;
	private final Cache<String, Lease> leases = Caffeine.newBuilder().maximumSize(1_000_000)
		.expireAfterAccess(Duration.ofMinutes(1)).build();

	private final long leaseNanos;

	TokenLeases(ClusterRedis redis) {
		this(redis, LEASE);
	}

	TokenLeases(ClusterRedis redis, Duration lease) {
		this.redis = redis;
		this.leaseNanos = lease.toNanos();
	}

	/** Takes a token of the key's bucket; throws when Redis cannot be reached and this node holds none. */
	boolean tryAcquire(String key, int capacity, double perSecond) {
		Lease lease = leases.get(key, k -> new Lease());
		int block = Math.max(1, capacity / 4);
		synchronized (lease) {
			long now = System.nanoTime();
			if (takeHeld(lease, now)) {
				boolean ageing = lease.expiresAtNanos - now < leaseNanos / 2;
				if ((lease.tokens <= block / 2 || ageing) && !lease.refilling && block > 1) {
					lease.refilling = true;
					refillInBackground(key, lease, capacity, perSecond, Math.max(1, block - lease.tokens));
				}
				return true;
			}
		}
		int unused;
		synchronized (lease) {
			unused = lease.tokens;
			lease.tokens = 0;
		}
		long granted = take(key, capacity, perSecond, block, unused).join();
		synchronized (lease) {
			add(lease, (int) granted, System.nanoTime());
			return takeHeld(lease, System.nanoTime());
		}
	}

	private static boolean takeHeld(Lease lease, long now) {
		if (lease.tokens > 0 && now - lease.expiresAtNanos < 0) {
			lease.tokens--;
			return true;
		}
		return false;
	}

	private void add(Lease lease, int granted, long now) {
		if (now - lease.expiresAtNanos >= 0) {
			lease.tokens = 0;
		}
		if (granted > 0) {
			lease.tokens += granted;
			lease.expiresAtNanos = now + leaseNanos;
		}
	}

	private void refillInBackground(String key, Lease lease, int capacity, double perSecond, int wanted) {
		CompletableFuture<Long> taken;
		try {
			taken = take(key, capacity, perSecond, wanted, 0);
		}
		catch (RuntimeException unreachable) {
			synchronized (lease) {
				lease.refilling = false;
			}
			return;
		}
		taken.whenComplete((granted, failure) -> {
			synchronized (lease) {
				lease.refilling = false;
				if (failure == null) {
					add(lease, granted.intValue(), System.nanoTime());
				}
				else {
					log.debug("Could not take the next block of {}'s tokens", key, failure);
				}
			}
		});
	}

	private CompletableFuture<Long> take(String key, int capacity, double perSecond, int wanted, int givenBack) {
		return redis.evalAsync(TAKE, ScriptOutputType.INTEGER, new String[] { "livepulse:rate:" + key },
				String.valueOf(capacity), String.valueOf(perSecond), String.valueOf(wanted), String.valueOf(givenBack));
	}
}
