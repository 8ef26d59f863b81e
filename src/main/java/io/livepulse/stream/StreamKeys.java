package io.livepulse.stream;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/** Generates stream keys whose secret part carries 192 bits from a CSPRNG, URL-safe. */
final class StreamKeys {

	private static final int SECRET_BYTES = 24;

	private final SecureRandom random = new SecureRandom();

	StreamKey next(long vendorId, Instant now) {
		byte[] secret = new byte[SECRET_BYTES];
		random.nextBytes(secret);
		String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		return new StreamKey("vendor_" + vendorId + "_" + now.getEpochSecond() + "_" + encoded);
	}
}
