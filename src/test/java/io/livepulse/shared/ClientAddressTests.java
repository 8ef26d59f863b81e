package io.livepulse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTests {

	@Test
	void ipv6AddressesCountByTheirSlash64AndIpv4AsTheyAre() {
		assertThat(ClientAddress.keyOf("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddress.keyOf("[2001:db8:1:2::9]")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddress.keyOf("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(ClientAddress.keyOf("203.0.113.7")).isEqualTo("203.0.113.7");
	}

	@Test
	void anIpv6KeyLiesInItsSlash48AndAnIpv4KeyInNoNetwork() {
		assertThat(ClientAddress.networkOf(ClientAddress.keyOf("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:0:0:0:0:0/48");
		assertThat(ClientAddress.networkOf(ClientAddress.keyOf("2001:db8:1:ffff::1"))).isEqualTo("2001:db8:1:0:0:0:0:0/48");
		assertThat(ClientAddress.networkOf(ClientAddress.keyOf("2001:db8:2::1"))).isEqualTo("2001:db8:2:0:0:0:0:0/48");
		assertThat(ClientAddress.networkOf("203.0.113.7")).isNull();
		assertThat(ClientAddress.networkOf("zz:1")).isNull();
	}

	@Test
	void onlyLiteralsAreParsedSoNoTextEverBecomesANameLookup() {
		assertThat(ClientAddress.literal("example.com")).isNull();
		assertThat(ClientAddress.literal("zz:1")).isNull();
		assertThat(ClientAddress.literal("localhost")).isNull();
		assertThat(ClientAddress.keyOf("zz:1")).as("unparseable text is its own key").isEqualTo("zz:1");
		assertThat(ClientAddress.literal(" 127.0.0.1 ")).isNotNull();
	}
}
