package io.livepulse.engagement;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per user and stream: {@code limit} likes a second, with bursts up to {@code limit}. */
final class LikeRateLimiter {

	private static final class Bucket {

		double tokens;
		long refilledAtNanos;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.refilledAtNanos = now;
		}
	}

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	boolean tryAcquire(String userId, long streamId, int limitPerSecond, long nowNanos) {
		boolean[] granted = { false };
		buckets.compute(streamId + "|" + userId, (key, bucket) -> {
			if (bucket == null) {
				bucket = new Bucket(limitPerSecond, nowNanos);
			}
			double refill = (nowNanos - bucket.refilledAtNanos) / 1e9 * limitPerSecond;
			bucket.tokens = Math.min(limitPerSecond, bucket.tokens + refill);
			bucket.refilledAtNanos = nowNanos;
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				granted[0] = true;
			}
			return bucket;
		});
		return granted[0];
	}

	/** Forgets buckets idle long enough to be full again. */
	void evictIdle(long nowNanos, long idleNanos) {
		buckets.entrySet().removeIf(entry -> nowNanos - entry.getValue().refilledAtNanos > idleNanos);
	}
}
