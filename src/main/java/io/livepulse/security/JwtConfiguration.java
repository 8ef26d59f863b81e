package io.livepulse.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

/**
 * HS256 signing key from configuration. Outside the dev profile a missing or short secret stops
 * the service at start-up rather than running with a guessable key.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

	private static final Logger log = LoggerFactory.getLogger(JwtConfiguration.class);
	private static final int MIN_SECRET_BYTES = 32;

	@Bean
	JwtSigningKey jwtSigningKey(SecurityProperties properties, Environment environment) {
		String secret = properties.jwtSecret();
		if (secret != null && !secret.isBlank()) {
			byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
			if (bytes.length < MIN_SECRET_BYTES) {
				throw new IllegalStateException("livepulse.security.jwt-secret must be at least "
						+ MIN_SECRET_BYTES + " bytes long for HS256.");
			}
			return new JwtSigningKey(new SecretKeySpec(bytes, "HmacSHA256"));
		}
		if (DevProfile.isActive(environment)) {
			byte[] generated = new byte[MIN_SECRET_BYTES];
			new SecureRandom().nextBytes(generated);
			log.info("Dev profile: generated a random JWT secret for this run; tokens end with the process.");
			return new JwtSigningKey(new SecretKeySpec(generated, "HmacSHA256"));
		}
		throw new IllegalStateException(
				"livepulse.security.jwt-secret (LIVEPULSE_SECURITY_JWT_SECRET) must be set outside the dev profile.");
	}

	@Bean
	JwtDecoder jwtDecoder(JwtSigningKey key, Clock clock, SecurityProperties properties) {
		return new CachingJwtDecoder(
				NimbusJwtDecoder.withSecretKey(key.secretKey()).macAlgorithm(MacAlgorithm.HS256).build(), clock,
				properties.verifiedTokenCacheSize());
	}

	@Bean
	JwtEncoder jwtEncoder(JwtSigningKey key) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(key.secretKey()));
	}

	record JwtSigningKey(SecretKey secretKey) {

		@Override
		public String toString() {
			return "JwtSigningKey[redacted]";
		}
	}
}
