package io.livepulse.shared;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Token buckets by key (a user on a stream, a client address): each holds up to {@code capacity}
 * tokens and refills at {@code perSecond}. At most {@code maxKeys} buckets are held, and one idle
 * long enough to be full again is forgotten, so a flood of new keys cannot grow memory without
 * bound (a forgotten bucket comes back full, which is what it would have been).
 */
public final class TokenBuckets {

	private static final class Bucket {

		final double capacity;
		double tokens;
		long refilledAtNanos;

		Bucket(double capacity, long now) {
			this.capacity = capacity;
			this.tokens = capacity;
			this.refilledAtNanos = now;
		}
	}

	private final Cache<String, Bucket> buckets;

	public TokenBuckets(long maxKeys, Duration forgetIdleAfter) {
		this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(forgetIdleAfter).build();
	}

	/** Takes one token from the key's bucket if it has one. */
	public boolean tryAcquire(String key, double capacity, double perSecond, long nowNanos) {
		boolean[] granted = { false };
		buckets.asMap().compute(key, (k, bucket) -> {
			if (bucket == null) {
				bucket = new Bucket(capacity, nowNanos);
			}
			bucket.tokens = Math.min(capacity, bucket.tokens + (nowNanos - bucket.refilledAtNanos) / 1e9 * perSecond);
			bucket.refilledAtNanos = nowNanos;
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				granted[0] = true;
			}
			return bucket;
		});
		return granted[0];
	}

	/** Returns a token taken from the key's bucket (a request that another limit then refused). */
	public void giveBack(String key) {
		buckets.asMap().computeIfPresent(key, (k, bucket) -> {
			bucket.tokens = Math.min(bucket.capacity, bucket.tokens + 1);
			return bucket;
		});
	}
}
