package io.livepulse.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device ids as the service issues them (its DeviceIds and ServiceSecrets: an HMAC-SHA256 key
 * derived from the service secret, a 128-bit id and its MAC truncated to 128 bits), so that a load
 * of many viewers needs no round trip per id. Only a holder of the service secret can do this.
 */
final class DeviceIdMinter {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final Mac mac;
	private final SecureRandom random = new SecureRandom();

	DeviceIdMinter(String serviceSecret) throws GeneralSecurityException {
		Mac derive = Mac.getInstance("HmacSHA256");
		derive.init(new SecretKeySpec(serviceSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] key = derive.doFinal("livepulse/device-ids/v1".getBytes(StandardCharsets.UTF_8));
		this.mac = Mac.getInstance("HmacSHA256");
		this.mac.init(new SecretKeySpec(key, "HmacSHA256"));
	}

	String next() {
		byte[] id = new byte[16];
		random.nextBytes(id);
		String encoded = ENCODER.encodeToString(id);
		byte[] signature = Arrays.copyOf(mac.doFinal(encoded.getBytes(StandardCharsets.US_ASCII)), 16);
		return encoded + "." + ENCODER.encodeToString(signature);
	}
}
