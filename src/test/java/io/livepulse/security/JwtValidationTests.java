package io.livepulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Which tokens the API accepts: signed by us, with an expiry, from the configured issuer and audience. */
class JwtValidationTests {

	private static final String SECRET = "kq3V9zR1xW7mB2tY8uN4pL6cF0hJ5sD-test-Qe";

	private final JwtConfiguration.JwtSigningKey key = new JwtConfiguration.JwtSigningKey(
			new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

	private JwtDecoder decoder(String issuer, String audience) {
		return new JwtConfiguration().jwtDecoder(key, Clock.systemUTC(),
				new SecurityProperties(SECRET, issuer, audience, null, Duration.ofHours(1), 0));
	}

	private static String token(JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
		return jwt.serialize();
	}

	private static JWTClaimsSet.Builder valid() {
		return new JWTClaimsSet.Builder().subject("viewer-1").issuer("livepulse").claim("roles", List.of("VIEWER"))
			.expirationTime(Date.from(Instant.now().plusSeconds(600)));
	}

	@Test
	void aSignedTokenWithExpiryAndTheRightIssuerIsAccepted() throws Exception {
		assertThat(decoder("livepulse", null).decode(token(valid().build())).getSubject()).isEqualTo("viewer-1");
	}

	@Test
	void aTokenWithoutExpiryIsRefusedBecauseItWouldNeverExpire() throws Exception {
		String noExpiry = token(valid().expirationTime(null).build());

		assertThatThrownBy(() -> decoder("livepulse", null).decode(noExpiry)).isInstanceOf(JwtException.class);
	}

	@Test
	void aTokenWithoutOrWithAnotherIssuerIsRefusedWhenAnIssuerIsConfigured() throws Exception {
		String noIssuer = token(valid().issuer(null).build());
		String otherIssuer = token(valid().issuer("someone-else").build());

		assertThatThrownBy(() -> decoder("livepulse", null).decode(noIssuer)).isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> decoder("livepulse", null).decode(otherIssuer)).isInstanceOf(JwtException.class);
	}

	@Test
	void theAudienceIsCheckedWhenConfigured() throws Exception {
		String forUs = token(valid().audience("livepulse-api").build());
		String forOthers = token(valid().audience("another-api").build());

		assertThat(decoder("livepulse", "livepulse-api").decode(forUs).getSubject()).isEqualTo("viewer-1");
		assertThatThrownBy(() -> decoder("livepulse", "livepulse-api").decode(forOthers))
			.isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> decoder("livepulse", "livepulse-api").decode(token(valid().build())))
			.isInstanceOf(JwtException.class);
	}

	@Test
	void aSubjectThatCannotBeAUserIdIsRefusedOnceForEveryPath() throws Exception {
		for (String subject : new String[] { "x".repeat(65), "line\nbreak", "nul\u0000", "\u202Eevil", "" }) {
			String token = token(valid().subject(subject).build());

			assertThatThrownBy(() -> decoder("livepulse", null).decode(token)).as(subject).isInstanceOf(JwtException.class);
		}
		assertThatThrownBy(() -> decoder("livepulse", null).decode(token(valid().subject(null).build())))
			.isInstanceOf(JwtException.class);
		assertThat(decoder("livepulse", null).decode(token(valid().subject("x".repeat(64)).build())).getSubject())
			.hasSize(64);
	}
}
