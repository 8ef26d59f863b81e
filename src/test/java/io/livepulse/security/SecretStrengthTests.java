package io.livepulse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class SecretStrengthTests {

	private static int bits(String secret) {
		return SecretStrength.estimatedBits(secret.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void randomSecretsFromTheUsualToolsPassTheBar() {
		SecureRandom random = new SecureRandom();
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			assertThat(bits(Base64.getEncoder().encodeToString(bytes))).as("openssl rand -base64 32")
				.isGreaterThanOrEqualTo(SecretStrength.MIN_BITS);
			byte[] sixteen = new byte[16];
			random.nextBytes(sixteen);
			assertThat(bits(HexFormat.of().formatHex(sixteen))).as("openssl rand -hex 16")
				.isGreaterThanOrEqualTo(SecretStrength.MIN_BITS);
		}
	}

	@Test
	void repeatedCharactersPatternsAndShortRandomSecretsFail() {
		assertThat(bits("x".repeat(32))).isZero();
		assertThat(bits("ab".repeat(20))).isLessThan(SecretStrength.MIN_BITS);
		assertThat(bits("password".repeat(4))).isLessThan(SecretStrength.MIN_BITS);
		assertThat(bits("abcdefghijklmnop".repeat(2))).isLessThan(SecretStrength.MIN_BITS);
		assertThat(bits("change-me-please")).isLessThan(SecretStrength.MIN_BITS);
		assertThat(bits(HexFormat.of().formatHex(new SecureRandom().generateSeed(8)))).as("openssl rand -hex 8")
			.isLessThan(SecretStrength.MIN_BITS);
	}
}
