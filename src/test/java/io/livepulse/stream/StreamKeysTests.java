package io.livepulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
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

	private static final byte[] SECRET = "kq3V9zR1xW7mB2tY8uN4pL6cF0hJ5sD-stream-keys".getBytes(StandardCharsets.UTF_8);

	@Test
	void aSealedKeyOpensToTheSameKeyAndShowsNothingOfIt() {
		StreamKeyCipher cipher = new StreamKeyCipher(SECRET);
		StreamKey key = keys.next(456, Instant.now());
		String secretPart = key.value().split("_", 4)[3];

		String sealed = cipher.seal(key);

		assertThat(sealed).startsWith("v1:").doesNotContain(secretPart).doesNotContain("vendor_456");
		assertThat(cipher.seal(key)).as("a fresh IV each time").isNotEqualTo(sealed);
		assertThat(cipher.open(sealed)).isEqualTo(key);
		assertThat(new StreamKeyCipher(SECRET).open(sealed)).as("the same secret after a restart").isEqualTo(key);
	}

	@Test
	void anotherSecretOrAnAlteredValueCannotOpenASealedKey() {
		String sealed = new StreamKeyCipher(SECRET).seal(keys.next(456, Instant.now()));
		byte[] otherSecret = SECRET.clone();
		otherSecret[0] ^= 1;
		// a character in the middle: the last one may carry only padding bits
		char middle = sealed.charAt(20);
		String altered = sealed.substring(0, 20) + (middle == 'A' ? 'B' : 'A') + sealed.substring(21);

		assertThatThrownBy(() -> new StreamKeyCipher(otherSecret).open(sealed)).isInstanceOf(StreamKeyCipher.Unreadable.class);
		assertThatThrownBy(() -> new StreamKeyCipher(SECRET).open(altered)).isInstanceOf(StreamKeyCipher.Unreadable.class);
		assertThatThrownBy(() -> new StreamKeyCipher(SECRET).open("vendor_456_1_plain")).isInstanceOf(StreamKeyCipher.Unreadable.class);
	}

	@Test
	void theLookupHashIsTheKeysSha256InHex() throws Exception {
		String key = keys.next(456, Instant.now()).value();

		assertThat(StreamKeyCipher.hash(key)).hasSize(64).isEqualTo(HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))));
	}
}
