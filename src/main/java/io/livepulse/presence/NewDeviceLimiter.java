package io.livepulse.presence;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.livepulse.shared.ClientAddress;
import io.livepulse.shared.TokenBuckets;

/**
 * New device ids per client address: {@code perMinute} a minute, in bursts of as many; and for an IPv6 address,
 * {@value #PER_NETWORK} times as many for its whole /48 ({@link ClientAddress#networkOf}), so a customer with a
 * routed /48 gets no more new ids than a small office, not 65,536 addresses' worth.
 */
@Component
class NewDeviceLimiter {

	static final int PER_NETWORK = ClientAddress.ADDRESSES_PER_NETWORK;

	private final TokenBuckets buckets = new TokenBuckets(200_000, Duration.ofMinutes(2));
	private final int perMinute;

	NewDeviceLimiter(PresenceProperties properties) {
		this.perMinute = properties.newDevicesPerAddressPerMinute();
	}

	/** The address's own limit first: an address past it spends nothing of its /48's. */
	boolean tryAcquire(String address, long nowNanos) {
		if (!buckets.tryAcquire(address, perMinute, perMinute / 60.0, nowNanos)) {
			return false;
		}
		String network = ClientAddress.networkOf(address);
		if (network != null && !buckets.tryAcquire(network, PER_NETWORK * perMinute, PER_NETWORK * perMinute / 60.0, nowNanos)) {
			buckets.giveBack(address);
			return false;
		}
		return true;
	}
}
