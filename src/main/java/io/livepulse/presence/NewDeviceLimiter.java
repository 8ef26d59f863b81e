package io.livepulse.presence;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client address for issuing new device ids: {@code perMinute} a minute with
 * bursts of as many. Buckets idle for two minutes are full again and forgotten; at most
 * {@code MAX_ADDRESSES} are held, so a flood from many addresses cannot grow memory without bound
 * (an address whose bucket was evicted starts full, which the per-address viewer cap still bounds).
 */
@Component
class NewDeviceLimiter {

	private static final int MAX_ADDRESSES = 200_000;

	private static final class Bucket {

		double tokens;
		long refilledAtNanos;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.refilledAtNanos = now;
		}
	}

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES)
		.expireAfterAccess(Duration.ofMinutes(2)).build();
	private final int perMinute;

	NewDeviceLimiter(PresenceProperties properties) {
		this.perMinute = properties.newDevicesPerAddressPerMinute();
	}

	boolean tryAcquire(String address, long nowNanos) {
		boolean[] granted = { false };
		buckets.asMap().compute(address, (key, bucket) -> {
			if (bucket == null) {
				bucket = new Bucket(perMinute, nowNanos);
			}
			bucket.tokens = Math.min(perMinute, bucket.tokens + (nowNanos - bucket.refilledAtNanos) / 60e9 * perMinute);
			bucket.refilledAtNanos = nowNanos;
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				granted[0] = true;
			}
			return bucket;
		});
		return granted[0];
	}
}
