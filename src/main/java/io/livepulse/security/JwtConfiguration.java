package io.livepulse.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import io.livepulse.shared.DevSecretFile;

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
			if (!DevProfile.isActive(environment) && SecretStrength.estimatedBits(bytes) < SecretStrength.MIN_BITS) {
				throw new IllegalStateException("livepulse.security.jwt-secret looks guessable (about "
						+ SecretStrength.estimatedBits(bytes) + " bits; at least " + SecretStrength.MIN_BITS
						+ " needed): use random bytes, e.g. the output of 'openssl rand -base64 48'.");
			}
			return new JwtSigningKey(new SecretKeySpec(bytes, "HmacSHA256"));
		}
		if (DevProfile.isActive(environment)) {
			String kept = DevSecretFile.readOrCreate(properties.devSecretFile(), MIN_SECRET_BYTES);
			log.info("Dev profile: signing tokens with the generated secret kept in {}", properties.devSecretFile());
			return new JwtSigningKey(new SecretKeySpec(kept.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		}
		throw new IllegalStateException(
				"livepulse.security.jwt-secret (LIVEPULSE_SECURITY_JWT_SECRET) must be set outside the dev profile.");
	}

	/**
	 * HS256 only; {@code exp} required (a token without one would never expire) and within the maximum
	 * lifetime; {@code sub} a valid user id; {@code iss} and {@code aud} when configured.
	 */
	@Bean
	JwtDecoder jwtDecoder(JwtSigningKey key, Clock clock, SecurityProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key.secretKey()).macAlgorithm(MacAlgorithm.HS256).build();
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setClock(clock);
		validators.add(timestamps);
		validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
		validators.add(new TokenLifetime(properties.maxTokenLifetime(), clock));
		// the subject becomes a stored user id (likes, viewers): one rule, checked once, for every path
		validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, Caller::isValidUserId));
		if (properties.jwtIssuer() != null && !properties.jwtIssuer().isBlank()) {
			validators.add(new JwtIssuerValidator(properties.jwtIssuer()));
		}
		if (properties.jwtAudience() != null && !properties.jwtAudience().isBlank()) {
			validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
					audience -> audience != null && audience.contains(properties.jwtAudience())));
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return new CachingJwtDecoder(decoder, clock, properties.verifiedTokenCacheSize());
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
