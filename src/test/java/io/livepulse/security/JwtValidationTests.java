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
import org.springframework.security.oauth2.jwt.Jwt;
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
		return decoder(issuer, audience, Duration.ofHours(24));
	}

	private JwtDecoder decoder(String issuer, String audience, Duration maxTokenLifetime) {
		return new JwtConfiguration().jwtDecoder(key, Clock.systemUTC(), properties(issuer, audience, maxTokenLifetime));
	}

	private static SecurityProperties properties(String issuer, String audience, Duration maxTokenLifetime) {
		return new SecurityProperties(SECRET, issuer, audience, null, Duration.ofHours(1), 0, maxTokenLifetime);
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

	@Test
	void aTokenValidFor300YearsIsRefused() throws Exception {
		Instant now = Instant.now();
		String withIat = token(valid().issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofDays(300 * 365L)))).build());
		String withoutIat = token(valid().expirationTime(Date.from(now.plus(Duration.ofDays(300 * 365L)))).build());

		assertThatThrownBy(() -> decoder("livepulse", null).decode(withIat)).isInstanceOf(JwtException.class)
			.hasMessageContaining("lives too long");
		assertThatThrownBy(() -> decoder("livepulse", null).decode(withoutIat)).isInstanceOf(JwtException.class)
			.hasMessageContaining("lives too long");
	}

	@Test
	void theLifetimeIsMeasuredFromIatWhenPresent() throws Exception {
		Instant now = Instant.now();
		// expires within 24 h of now, but was issued 24 h 30 min before it expires
		String tooLong = token(valid().issueTime(Date.from(now.minus(Duration.ofHours(1))))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(23 * 60 + 30)))).build());
		String exactlyTheMaximum = token(valid().issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(24)))).build());

		assertThatThrownBy(() -> decoder("livepulse", null).decode(tooLong)).isInstanceOf(JwtException.class);
		assertThat(decoder("livepulse", null).decode(exactlyTheMaximum).getSubject()).isEqualTo("viewer-1");
	}

	@Test
	void withoutIatOrWithIatInTheFutureExpMustBeWithinTheMaximumOfNow() throws Exception {
		Instant now = Instant.now();
		Instant farAhead = now.plus(Duration.ofDays(365));
		String noIatWithin = token(valid().expirationTime(Date.from(now.plus(Duration.ofHours(23)))).build());
		String noIatBeyond = token(valid().expirationTime(Date.from(now.plus(Duration.ofHours(25)))).build());
		String iatInTheFuture = token(valid().issueTime(Date.from(farAhead.minus(Duration.ofHours(1))))
			.expirationTime(Date.from(farAhead)).build());

		assertThat(decoder("livepulse", null).decode(noIatWithin).getSubject()).isEqualTo("viewer-1");
		assertThatThrownBy(() -> decoder("livepulse", null).decode(noIatBeyond)).isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> decoder("livepulse", null).decode(iatInTheFuture)).isInstanceOf(JwtException.class);
	}

	@Test
	void theMaximumLifetimeIsConfigurable() throws Exception {
		Instant now = Instant.now();
		String twoHours = token(valid().issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(2)))).build());

		assertThat(decoder("livepulse", null, Duration.ofHours(24)).decode(twoHours).getSubject()).isEqualTo("viewer-1");
		assertThatThrownBy(() -> decoder("livepulse", null, Duration.ofHours(1)).decode(twoHours))
			.isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> decoder("livepulse", null, Duration.ZERO))
			.hasMessageContaining("livepulse.security.max-token-lifetime must be positive");
	}

	@Test
	void theDevSignInNeverIssuesATokenTheDecoderWouldRefuse() {
		SecurityProperties properties = new SecurityProperties(SECRET, "livepulse", null, null, Duration.ofHours(48), 0,
				Duration.ofHours(24));
		JwtConfiguration configuration = new JwtConfiguration();
		TokenIssuer issuer = new TokenIssuer(configuration.jwtEncoder(key), properties, Clock.systemUTC());

		Jwt jwt = configuration.jwtDecoder(key, Clock.systemUTC(), properties).decode(issuer.issue("viewer-1", Role.VIEWER, null));

		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(24));
	}
}
