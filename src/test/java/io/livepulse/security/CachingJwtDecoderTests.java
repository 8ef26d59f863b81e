package io.livepulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import io.livepulse.support.TestTokens;

class CachingJwtDecoderTests {

	static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

	final AtomicReference<Instant> now = new AtomicReference<>(START);
	final Clock clock = new Clock() {
		@Override
		public Instant instant() {
			return now.get();
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	};

	/** Accepts tokens named "good-" and one or two characters (valid for an hour from START); counts every call. */
	final List<String> delegateCalls = new ArrayList<>();
	final JwtDecoder delegate = token -> {
		delegateCalls.add(token);
		if (!token.matches("good-\\w{1,2}")) {
			throw new BadJwtException("signature does not verify");
		}
		return Jwt.withTokenValue(token).header("alg", "HS256").subject(token).issuedAt(START)
			.expiresAt(START.plus(Duration.ofHours(1))).build();
	};

	@Test
	void aVerifiedTokenIsAnsweredFromMemoryUntilItExpiresThenVerifiedAgain() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, clock, 100);
		Jwt first = decoder.decode("good-1");
		now.set(START.plus(Duration.ofMinutes(59)));
		assertThat(decoder.decode("good-1")).isSameAs(first);
		assertThat(delegateCalls).containsExactly("good-1");

		now.set(START.plus(Duration.ofHours(1)));
		decoder.decode("good-1");
		assertThat(delegateCalls).containsExactly("good-1", "good-1");
	}

	@Test
	void aTokenThatFailsVerificationIsNeverRememberedAndOtherStringsAreVerifiedOnTheirOwn() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, clock, 100);
		decoder.decode("good-1");
		assertThatThrownBy(() -> decoder.decode("good-1tampered"))
			.isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
		assertThat(delegateCalls).containsExactly("good-1", "good-1tampered", "forged", "forged");
		assertThat(decoder.size()).isEqualTo(1);
	}

	@Test
	void memoryStaysWithinTheCapacityAndZeroTurnsRememberingOff() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, clock, 10);
		for (int i = 0; i < 25; i++) {
			decoder.decode("good-" + i);
			assertThat(decoder.size()).isLessThanOrEqualTo(10);
		}
		CachingJwtDecoder off = new CachingJwtDecoder(delegate, clock, 0);
		off.decode("good-a");
		off.decode("good-a");
		assertThat(off.size()).isZero();
		assertThat(delegateCalls).endsWith("good-a", "good-a");
	}

	@Test
	void aTokenValidFor300YearsIsRefusedAndNeverRemembered() {
		String secret = "Vb7Qm2Xz9Lw4Rt1Yc8Nk3Hs6Pf0Jd5Ga-cache-test";
		JwtConfiguration.JwtSigningKey key = new JwtConfiguration.JwtSigningKey(
				new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		CachingJwtDecoder decoder = (CachingJwtDecoder) new JwtConfiguration().jwtDecoder(key, clock,
				new SecurityProperties(secret, "livepulse", null, null, Duration.ofHours(12), 100, Duration.ofHours(24)));
		String forCenturies = TestTokens.hs256(secret, TestTokens
			.claims("viewer-1", "VIEWER", null, START, START.plus(Duration.ofDays(300 * 365L))));
		String forADay = TestTokens.hs256(secret,
				TestTokens.claims("viewer-1", "VIEWER", null, START, START.plus(Duration.ofHours(24))));

		assertThatThrownBy(() -> decoder.decode(forCenturies)).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> decoder.decode(forCenturies)).isInstanceOf(BadJwtException.class);
		assertThat(decoder.size()).isZero();
		decoder.decode(forADay);
		assertThat(decoder.size()).isEqualTo(1);
	}
}
