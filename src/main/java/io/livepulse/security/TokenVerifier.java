package io.livepulse.security;

import java.util.Optional;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Checks a token outside the API filter chain: the pages read it from the {@code lp_token} cookie
 * that the sign-in sets, to decide whether to render or to send the visitor to sign in. The API
 * itself never accepts that cookie (bearer header only), so it cannot be used for CSRF.
 */
@Component
public class TokenVerifier {

	public static final String PAGE_COOKIE = "lp_token";

	private final JwtDecoder decoder;

	TokenVerifier(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	public Optional<Caller> verify(String token) {
		if (token == null || token.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Callers.fromJwt(decoder.decode(token)));
		}
		catch (JwtException invalid) {
			return Optional.empty();
		}
	}
}
