package io.livepulse.presence;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.livepulse.shared.TokenBuckets;

/** New device ids per client address: {@code perMinute} a minute, in bursts of as many. */
@Component
class NewDeviceLimiter {

	private final TokenBuckets buckets = new TokenBuckets(200_000, Duration.ofMinutes(2));
	private final int perMinute;

	NewDeviceLimiter(PresenceProperties properties) {
		this.perMinute = properties.newDevicesPerAddressPerMinute();
	}

	boolean tryAcquire(String address, long nowNanos) {
		return buckets.tryAcquire(address, perMinute, perMinute / 60.0, nowNanos);
	}
}
