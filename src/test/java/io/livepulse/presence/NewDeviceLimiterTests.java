package io.livepulse.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.livepulse.shared.ClientAddress;

/** New device ids are limited per address, and for IPv6 also per /48: rotating through its /64s gains nothing. */
class NewDeviceLimiterTests {

	private static final int PER_MINUTE = 60;
	private final NewDeviceLimiter limiter = new NewDeviceLimiter(new PresenceProperties(Duration.ofMillis(500), "lp_device", PER_MINUTE));

	private int grantedFrom(int slash64s, int eachAsking, String prefix, long nowNanos) {
		int granted = 0;
		for (int net = 0; net < slash64s; net++) {
			String address = ClientAddress.keyOf(prefix + Integer.toHexString(net) + "::1");
			for (int i = 0; i < eachAsking; i++) {
				granted += limiter.tryAcquire(address, nowNanos) ? 1 : 0;
			}
		}
		return granted;
	}

	@Test
	void anAddressGetsItsBurstAndAWholeSlash48OnlyEightTimesAsMuch() {
		assertThat(grantedFrom(1, 100, "2001:db8:1:", 0)).as("one /64").isEqualTo(PER_MINUTE);
		assertThat(grantedFrom(1000, 10, "2001:db8:2:", 0)).as("a thousand /64s of one /48")
			.isEqualTo(NewDeviceLimiter.PER_NETWORK * PER_MINUTE);
		assertThat(grantedFrom(1, 10, "2001:db8:3:", 0)).as("another /48").isEqualTo(10);
	}

	/** Else one busy /64 would lock every other /64 of its /48 (a carrier's pool) out of new ids. */
	@Test
	void aSlash64PastItsOwnLimitSpendsNothingOfItsSlash48() {
		assertThat(grantedFrom(1, NewDeviceLimiter.PER_NETWORK * PER_MINUTE + 100, "2001:db8:4:", 0)).as("one greedy /64")
			.isEqualTo(PER_MINUTE);
		assertThat(grantedFrom(NewDeviceLimiter.PER_NETWORK - 1, PER_MINUTE, "2001:db8:4:1", 0))
			.as("the other /64s of the /48 still get their share").isEqualTo((NewDeviceLimiter.PER_NETWORK - 1) * PER_MINUTE);
	}

	@Test
	void ipv4AddressesAreLimitedOneByOne() {
		int granted = 0;
		for (int host = 0; host < 100; host++) {
			for (int i = 0; i < 5; i++) {
				granted += limiter.tryAcquire("203.0.113." + host, 0) ? 1 : 0;
			}
		}
		assertThat(granted).isEqualTo(500);
	}
}
