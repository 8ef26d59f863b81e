package io.livepulse.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses a token that lives longer than the configured maximum: {@code exp} more than {@code max} after
 * {@code iat}, or (with or without {@code iat}) more than {@code max} ahead of now. The second rule covers
 * a token without {@code iat} and one whose {@code iat} is set in the future to stretch the first. A
 * minute of clock skew is allowed, as for {@code exp} itself.
 */
final class TokenLifetime implements OAuth2TokenValidator<Jwt> {

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private final Duration max;
	private final Clock clock;

	TokenLifetime(Duration max, Clock clock) {
		if (max.isNegative() || max.isZero()) {
			throw new IllegalStateException("livepulse.security.max-token-lifetime must be positive, not " + max + ".");
		}
		this.max = max;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		Instant expiresAt = token.getExpiresAt();
		if (expiresAt == null) {
			return OAuth2TokenValidatorResult.success(); // refused by the exp-required validator
		}
		Instant issuedAt = token.getIssuedAt();
		if (issuedAt != null && Duration.between(issuedAt, expiresAt).compareTo(max) > 0) {
			return refused("exp is more than " + max + " after iat");
		}
		if (expiresAt.isAfter(clock.instant().plus(max).plus(CLOCK_SKEW))) {
			return refused("exp is more than " + max + " from now");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult refused(String why) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
				"The token lives too long (" + why + "; livepulse.security.max-token-lifetime)", null));
	}
}
