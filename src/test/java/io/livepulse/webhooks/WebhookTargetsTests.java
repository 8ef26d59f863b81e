package io.livepulse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.ClientAddress;

class WebhookTargetsTests {

	private static WebhookTargets targets(boolean allowLoopback, String profile) {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles(profile);
		return new WebhookTargets(new WebhookProperties(List.of(Duration.ZERO), Duration.ofSeconds(1), Duration.ofSeconds(15),
				65_536, 20, 100, allowLoopback), environment);
	}

	@Test
	void onlyPublicAddressesArePublic() throws Exception {
		for (String inside : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
				"0.0.0.0", "224.0.0.1", "198.18.0.1", "240.0.0.1", "::1", "fe80::1", "fd00::1", "::")) {
			assertThat(ClientAddress.isPublic(InetAddress.getByName(inside))).as(inside).isFalse();
		}
		for (String outside : List.of("8.8.8.8", "1.1.1.1", "2606:4700:4700::1111")) {
			assertThat(ClientAddress.isPublic(InetAddress.getByName(outside))).as(outside).isTrue();
		}
	}

	@Test
	void anIpv4AddressInsideIpv6IsJudgedByItsIpv4Part() throws Exception {
		for (byte[] inside : List.of(v6(0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe), v6(0, 0, 0, 0, 0, 0, 0x7f00, 1),
				v6(0x64, 0xff9b, 0, 0, 0, 0, 0x0a00, 1), v6(0x2002, 0xc0a8, 0x0001, 0, 0, 0, 0, 1))) {
			InetAddress address = InetAddress.getByAddress(inside);
			assertThat(ClientAddress.isPublic(address)).as(address.toString()).isFalse();
		}
		assertThat(ClientAddress.isPublic(InetAddress.getByAddress(v6(0x64, 0xff9b, 0, 0, 0, 0, 0x0808, 0x0808)))).isTrue();
	}

	private static byte[] v6(int... groups) {
		byte[] bytes = new byte[16];
		for (int i = 0; i < 8; i++) {
			bytes[2 * i] = (byte) (groups[i] >> 8);
			bytes[2 * i + 1] = (byte) groups[i];
		}
		return bytes;
	}

	@Test
	void loopbackAndTheMetadataAddressAreRefusedOutsideTheDevSwitch() {
		for (WebhookTargets production : List.of(targets(false, "dev"), targets(true, "prod"))) {
			for (String url : List.of("https://127.0.0.1/hook", "https://[::1]/hook", "https://169.254.169.254/latest/meta-data",
					"https://localhost/hook", "https://10.0.0.5/hook")) {
				assertThatThrownBy(() -> production.check(url)).as(url).isInstanceOf(ApiProblem.class)
					.satisfies(refused -> assertThat(((ApiProblem) refused).getStatusCode().value()).isEqualTo(422));
			}
		}
	}

	@Test
	void theDevSwitchLetsOnlyLoopbackThroughAndHttpOnlyToLoopback() {
		WebhookTargets dev = targets(true, "dev");
		assertThat(dev.check("http://127.0.0.1:8099/hook")).isEqualTo(URI.create("http://127.0.0.1:8099/hook"));
		assertThatThrownBy(() -> dev.check("https://169.254.169.254/latest")).isInstanceOf(ApiProblem.class);
		assertThatThrownBy(() -> dev.check("https://192.168.0.10/hook")).isInstanceOf(ApiProblem.class);
	}

	@Test
	void aUrlMustBeHttpsWithAHostAndNoUserInfoOrFragment() {
		WebhookTargets production = targets(false, "prod");
		for (String url : List.of("http://8.8.8.8/hook", "ftp://8.8.8.8/", "https://user:pw@8.8.8.8/", "https://8.8.8.8/#x", "not a url",
				"/relative")) {
			assertThatThrownBy(() -> production.check(url)).as(url).isInstanceOf(ApiProblem.class);
		}
		assertThat(production.check("https://8.8.8.8/hook").getHost()).isEqualTo("8.8.8.8");
	}
}
