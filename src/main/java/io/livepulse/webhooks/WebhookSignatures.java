package io.livepulse.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets and signatures the Standard Webhooks way (standardwebhooks.com): a secret is {@code whsec_} followed by
 * the base64 of its key bytes; a signature is {@code v1,} followed by the base64 HMAC-SHA256, under that key, of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}.
 */
final class WebhookSignatures {

	static final String SECRET_PREFIX = "whsec_";
	private static final int KEY_BYTES = 32;
	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSignatures() {
	}

	static String newSecret() {
		byte[] key = new byte[KEY_BYTES];
		RANDOM.nextBytes(key);
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
	}

	static String sign(String secret, String id, long timestampSeconds, String body) {
		byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(digest);
		}
		catch (GeneralSecurityException impossible) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
		}
	}
}
