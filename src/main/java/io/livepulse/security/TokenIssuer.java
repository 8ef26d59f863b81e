package io.livepulse.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Signs tokens for the dev sign-in and for tests and tools that need them. */
@Component
class TokenIssuer {

	private final JwtEncoder encoder;
	private final SecurityProperties properties;
	/** The clock the decoder checks expiry with, so an issued token is valid by the same time. */
	private final Clock clock;

	TokenIssuer(JwtEncoder encoder, SecurityProperties properties, Clock clock) {
		this.encoder = encoder;
		this.properties = properties;
		this.clock = clock;
	}

	public String issue(String userId, Role role, Long vendorId) {
		return issue(userId, role, vendorId, null);
	}

	/** A token with an optional display name (the {@code name} claim), left out when null or blank. */
	public String issue(String userId, Role role, Long vendorId, String displayName) {
		Instant now = clock.instant();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
				.issuer(properties.jwtIssuer() == null || properties.jwtIssuer().isBlank() ? "livepulse" : properties.jwtIssuer())
				.subject(userId)
				.issuedAt(now)
				.expiresAt(now.plus(lifetime()))
				.claim(Callers.ROLES_CLAIM, List.of(role.name()));
		if (properties.jwtAudience() != null && !properties.jwtAudience().isBlank()) {
			claims.audience(List.of(properties.jwtAudience()));
		}
		if (vendorId != null) {
			claims.claim(Callers.VENDOR_CLAIM, vendorId);
		}
		String name = Caller.cleanDisplayName(displayName);
		if (name != null) {
			claims.claim(Callers.NAME_CLAIM, name);
		}
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
	}

	/** The dev token lifetime, never more than the decoder accepts. */
	private Duration lifetime() {
		Duration ttl = properties.devTokenTtl();
		return ttl.compareTo(properties.maxTokenLifetime()) > 0 ? properties.maxTokenLifetime() : ttl;
	}
}
