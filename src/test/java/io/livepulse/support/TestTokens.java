package io.livepulse.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * Hand-made JWTs, built the way an identity provider (or an attacker) would: base64url header and
 * claims, HMAC-SHA256 signature, nothing from the service. Claims follow the service's tokens:
 * {@code sub}, {@code iss} "livepulse", {@code iat}, {@code exp}, {@code roles}, {@code vendorId}.
 */
public final class TestTokens {

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TestTokens() {
	}

	/** The claims of a token; {@code expiresAt} null leaves {@code exp} out, {@code vendorId} null leaves it out. */
	public static Map<String, Object> claims(String subject, String role, Long vendorId, Instant issuedAt,
			Instant expiresAt) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", subject);
		claims.put("iss", "livepulse");
		claims.put("iat", issuedAt.getEpochSecond());
		if (expiresAt != null) {
			claims.put("exp", expiresAt.getEpochSecond());
		}
		claims.put("roles", List.of(role));
		if (vendorId != null) {
			claims.put("vendorId", vendorId);
		}
		return claims;
	}

	/** An HS256 token signed with {@code secret}. */
	public static String hs256(String secret, Map<String, Object> claims) {
		String signingInput = part(Map.of("alg", "HS256", "typ", "JWT")) + "." + part(claims);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return signingInput + "." + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** An unsecured token ({@code "alg":"none"}, empty signature) carrying the given claims. */
	public static String unsigned(Map<String, Object> claims) {
		return part(Map.of("alg", "none", "typ", "JWT")) + "." + part(claims) + ".";
	}

	private static String part(Map<String, Object> json) {
		return URL.encodeToString(JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
	}
}
