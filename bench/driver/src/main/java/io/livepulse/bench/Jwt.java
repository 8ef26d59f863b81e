package io.livepulse.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 tokens signed with the service's configured secret, as the identity provider would issue
 * them (claims {@code sub}, {@code iss} "livepulse", {@code iat}, {@code exp}, {@code roles} and,
 * for sellers, {@code vendorId}). The attack suite runs the service with a secret of its own, so it
 * needs no dev sign-in.
 */
final class Jwt {

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private Jwt() {
	}

	static String mint(String secret, String subject, String role, Long vendorId, long ttlSeconds) {
		long now = System.currentTimeMillis() / 1000;
		String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
		String claims = "{\"sub\":\"" + subject + "\",\"iss\":\"livepulse\",\"iat\":" + now + ",\"exp\":"
				+ (now + ttlSeconds) + ",\"roles\":[\"" + role + "\"]"
				+ (vendorId == null ? "" : ",\"vendorId\":" + vendorId) + "}";
		String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return signingInput + "." + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (java.security.GeneralSecurityException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** {@code token --secret S --user U --role R [--vendor V] [--ttl-seconds N]}: prints one token. */
	static void run(Options options) {
		String vendor = options.get("vendor", null);
		System.out.println(mint(options.get("secret"), options.get("user"), options.get("role"),
				vendor == null ? null : Long.valueOf(vendor), Math.clamp(options.integer("ttl-seconds", 3600), 60, 86_400)));
	}

	/** {@code tokens --secret S --users N --output F}: N viewer tokens (liker-0 ...), valid for an hour, one a line. */
	static void tokens(Options options) throws java.io.IOException {
		int users = Math.min(options.integer("users", 500), 100_000);
		java.util.List<String> tokens = new java.util.ArrayList<>();
		for (int i = 0; i < users; i++) {
			tokens.add(mint(options.get("secret"), "liker-" + i, "VIEWER", null, 3600));
		}
		java.nio.file.Files.write(java.nio.file.Path.of(options.get("output")), tokens);
	}
}
