package io.livepulse.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class DeviceIdsTests {

	private final DeviceIds deviceIds = new DeviceIds(key("one key of at least thirty-two bytes"));

	private static SecretKeySpec key(String secret) {
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	@Test
	void anIssuedIdVerifiesAndTwoIssuedIdsDiffer() {
		String first = deviceIds.issue();
		String second = deviceIds.issue();

		assertThat(deviceIds.verify(first)).isPresent();
		assertThat(deviceIds.verify(first).get()).isEqualTo(first.substring(0, first.indexOf('.')));
		assertThat(deviceIds.verify(second).get()).isNotEqualTo(deviceIds.verify(first).get());
	}

	@Test
	void madeUpAlteredOrForeignIdsDoNotVerify() {
		String issued = deviceIds.issue();
		char last = issued.charAt(issued.length() - 1);
		// the last character carries 2 bits of the mac and 4 unused ones; either way the text no longer matches
		String altered = issued.substring(0, issued.length() - 1) + (last == 'A' ? 'B' : 'A');
		char middle = issued.charAt(30);
		String alteredInside = issued.substring(0, 30) + (middle == 'A' ? 'B' : 'A') + issued.substring(31);
		String otherId = "AAAAAAAAAAAAAAAAAAAAAA" + issued.substring(22);
		String fromAnotherKey = new DeviceIds(key("another key of at least thirty-two bytes")).issue();

		assertThat(deviceIds.verify(UUID.randomUUID().toString())).isEmpty();
		assertThat(deviceIds.verify(altered)).isEmpty();
		assertThat(deviceIds.verify(alteredInside)).isEmpty();
		assertThat(deviceIds.verify(otherId)).isEmpty();
		assertThat(deviceIds.verify(fromAnotherKey)).isEmpty();
		assertThat(deviceIds.verify("")).isEmpty();
		assertThat(deviceIds.verify(issued + "x")).isEmpty();
	}
}
