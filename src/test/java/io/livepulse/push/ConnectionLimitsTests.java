package io.livepulse.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.livepulse.shared.ClientAddress;
import org.springframework.mock.env.MockEnvironment;

import io.livepulse.push.ConnectionLimits.Caps;

/** The event port's caps and who a connection counts for, without a server. */
class ConnectionLimitsTests {

	static final Caps ROOMY = new Caps(1000, 1100, -1);

	static InetAddress ip(String literal) throws UnknownHostException {
		return InetAddress.getByName(literal); // literals only: no name lookup
	}

	static PushProperties push(int maxPerAddress) {
		return new PushProperties(Duration.ofSeconds(1), Duration.ofMinutes(30), 0, "127.0.0.1", "", 50_000,
				maxPerAddress, 2, true, org.springframework.util.unit.DataSize.ofKilobytes(32));
	}

	@Test
	void theGlobalCapLeavesTheWebServerAndTheDatabasePoolTheirDescriptors() {
		// the attack's set-up: a limit of 20,000, and Tomcat's default 8192 connections
		Caps caps = ConnectionLimits.derive(50_000, 20_000, 200, 8192, 10);
		assertThat(caps.maxHeld()).isLessThanOrEqualTo(20_000 - 200 - 10 - 5_000);
		assertThat(caps.maxConnections()).isLessThan(caps.maxHeld()).isGreaterThan(10_000);

		// a generous limit: the configured cap holds
		assertThat(ConnectionLimits.derive(50_000, 1_048_576, 200, 8192, 10).maxConnections()).isEqualTo(50_000);
		// the web server's share is its max-connections when that fits
		Caps large = ConnectionLimits.derive(1_000_000, 65_536, 200, 8192, 10);
		assertThat(large.maxHeld()).isEqualTo(65_536 - 200 - 10 - 8192);
		// a small cap configured stays as it is
		assertThat(ConnectionLimits.derive(1, 20_000, 200, 8192, 10).maxConnections()).isEqualTo(1);
	}

	@Test
	void aSmallLimitStillLeavesTheEventPortAQuarterAndAnUnknownOneTheConfiguredCap() {
		Caps small = ConnectionLimits.derive(50_000, 1024, 200, 8192, 10);
		assertThat(small.maxHeld()).isEqualTo(256);
		assertThat(small.maxConnections()).isPositive().isLessThan(256);

		Caps unlimitedTomcat = ConnectionLimits.derive(50_000, 20_000, 200, -1, 10);
		assertThat(unlimitedTomcat.maxHeld()).isLessThanOrEqualTo(20_000 - 200 - 10 - 5_000);

		assertThat(ConnectionLimits.derive(50_000, -1, 0, 8192, 10).maxConnections()).isEqualTo(50_000);
	}

	@Test
	void theForwardedForHeaderIsBelievedOnlyFromATrustedProxy() throws Exception {
		ConnectionLimits limits = new ConnectionLimits(ROOMY, 3, Pattern.compile("10\\.0\\.0\\.1|127\\.0\\.0\\.2"),
				"X-Forwarded-For");
		assertThat(limits.clientOf(ip("10.0.0.1"), "203.0.113.7")).isEqualTo(ip("203.0.113.7"));
		assertThat(limits.clientOf(ip("10.0.0.1"), "2001:db8::7")).isEqualTo(ip("2001:db8::7"));
		assertThat(limits.clientOf(ip("10.0.0.10"), "203.0.113.7")).as("the regex matches whole addresses")
			.isEqualTo(ip("10.0.0.10"));
		assertThat(limits.clientOf(ip("198.51.100.9"), "203.0.113.7")).isEqualTo(ip("198.51.100.9"));
		for (String unusable : new String[] { null, "", "unknown", "localhost", "203.0.113", "203.0.113.256",
				"2001:db8::zz", "203.0.113.7:443" }) {
			assertThat(limits.clientOf(ip("10.0.0.1"), unusable)).as(unusable).isEqualTo(ip("10.0.0.1"));
		}

		assertThat(limits.clientOf(ip("10.0.0.1"), "198.51.100.1, 203.0.113.7")).as("the right-most untrusted")
			.isEqualTo(ip("203.0.113.7"));
		assertThat(limits.clientOf(ip("10.0.0.1"), "198.51.100.1, 203.0.113.7, 127.0.0.2"))
			.as("a load balancer in front of the proxy is passed over").isEqualTo(ip("203.0.113.7"));
		assertThat(limits.clientOf(ip("10.0.0.1"), "203.0.113.7, garbage, 127.0.0.2")).as("the last one believed")
			.isEqualTo(ip("127.0.0.2"));

		ConnectionLimits noProxy = new ConnectionLimits(ROOMY, 3, null, "X-Forwarded-For");
		assertThat(noProxy.clientOf(ip("127.0.0.2"), "203.0.113.7")).isEqualTo(ip("127.0.0.2"));
	}

	@Test
	void theTrustedProxiesAreTomcatsInternalProxiesAndNoneWhenBlank() throws Exception {
		MockEnvironment none = new MockEnvironment();
		assertThat(ConnectionLimits.of(push(7), none).trusts(ip("127.0.0.1"))).isFalse();
		assertThat(ConnectionLimits.of(push(7), none).forwardedForHeader()).isEqualTo("X-Forwarded-For");
		assertThat(ConnectionLimits.of(push(7), none).maxPerAddress()).isEqualTo(7);

		MockEnvironment blank = new MockEnvironment().withProperty("server.tomcat.remoteip.internal-proxies", " ");
		assertThat(ConnectionLimits.of(push(7), blank).trusts(ip("127.0.0.1"))).isFalse();

		MockEnvironment proxy = new MockEnvironment()
			.withProperty("server.tomcat.remoteip.internal-proxies", "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1")
			.withProperty("server.tomcat.remoteip.remote-ip-header", "X-Real-IP");
		ConnectionLimits behindProxy = ConnectionLimits.of(push(7), proxy);
		assertThat(behindProxy.trusts(ip("127.0.0.1"))).isTrue();
		assertThat(behindProxy.trusts(ip("::1"))).isTrue();
		assertThat(behindProxy.trusts(ip("127.0.0.3"))).isFalse();
		assertThat(behindProxy.forwardedForHeader()).isEqualTo("X-Real-IP");
	}

	@Test
	void ipv4AddressesCountOneByOneAndIpv6OnesByTheirSlash64() throws Exception {
		ConnectionLimits limits = new ConnectionLimits(ROOMY, 2, null, "X-Forwarded-For");
		assertThat(limits.acquire(ip("2001:db8:1:2::1"))).isNotNull();
		assertThat(limits.acquire(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"))).isNotNull();
		assertThat(limits.acquire(ip("2001:db8:1:2::3"))).isNull();
		String other64 = limits.acquire(ip("2001:db8:1:3::1"));
		assertThat(other64).isNotNull();

		String first = limits.acquire(ip("203.0.113.1"));
		assertThat(limits.acquire(ip("203.0.113.1"))).isNotNull();
		assertThat(limits.acquire(ip("203.0.113.1"))).isNull();
		assertThat(limits.acquire(ip("203.0.113.2"))).isNotNull();
		limits.release(first);
		assertThat(limits.connectionsOf(ip("203.0.113.1"))).isEqualTo(1);
		assertThat(limits.acquire(ip("203.0.113.1"))).isNotNull();

		limits.release(other64);
		assertThat(limits.connectionsOf(ip("2001:db8:1:3::99"))).isZero();
		assertThat(ClientAddress.keyOf(ip("::ffff:203.0.113.1"))).isEqualTo("203.0.113.1");
	}

	@Test
	void theGlobalCapCountsEveryHeldConnectionAndStopsAcceptingAtItsRoomForRefusals() {
		ConnectionLimits limits = new ConnectionLimits(new Caps(2, 4, -1), 100, null, "X-Forwarded-For");
		assertThat(limits.hold()).isTrue();
		assertThat(limits.hold()).isTrue();
		assertThat(limits.hold()).isFalse();
		assertThat(limits.full()).isFalse();
		assertThat(limits.hold()).isFalse();
		assertThat(limits.full()).isTrue();
		limits.unhold();
		assertThat(limits.full()).isFalse();
		assertThat(limits.hold()).as("a refusal still lingering counts").isFalse();
		for (int i = 0; i < 3; i++) {
			limits.unhold();
		}
		assertThat(limits.hold()).isTrue();
	}
}
