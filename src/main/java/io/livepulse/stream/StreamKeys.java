package io.livepulse.stream;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/** Generates stream keys whose secret part carries 192 bits from a CSPRNG, URL-safe. */
final class StreamKeys {

	private static final int SECRET_BYTES = 24;
	private static final Pattern FORMAT = Pattern.compile("vendor_[0-9]{1,19}_[0-9]{1,12}_[A-Za-z0-9_-]{22,}");

	private final SecureRandom random = new SecureRandom();

	StreamKey next(long vendorId, Instant now) {
		byte[] secret = new byte[SECRET_BYTES];
		random.nextBytes(secret);
		String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		return new StreamKey("vendor_" + vendorId + "_" + now.getEpochSecond() + "_" + encoded);
	}

	/** Cheap shape check so that garbage from a hook never reaches the database. */
	static boolean looksLikeKey(String candidate) {
		return candidate != null && candidate.length() <= 160 && FORMAT.matcher(candidate).matches();
	}
}
