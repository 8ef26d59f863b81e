package io.livepulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StreamKeysTests {

	private final StreamKeys keys = new StreamKeys();

	@Test
	void keyCarriesVendorSecondsAndAUrlSafeSecretOfAtLeast128Bits() {
		StreamKey key = keys.next(456, Instant.ofEpochSecond(1_790_000_000L));

		assertThat(key.value()).matches("^vendor_456_1790000000_[A-Za-z0-9_-]{32}$");
	}

	@Test
	void secretsDoNotRepeat() {
		Set<String> seen = new HashSet<>();
		Instant now = Instant.now();
		for (int i = 0; i < 10_000; i++) {
			seen.add(keys.next(1, now).value());
		}
		assertThat(seen).hasSize(10_000);
	}

	@Test
	void toStringNeverRevealsTheKey() {
		StreamKey key = keys.next(456, Instant.now());
		assertThat(key.toString()).doesNotContain(key.value()).doesNotContain("vendor_456");
	}
}
