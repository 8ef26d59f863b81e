package io.livepulse.stream;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;

import org.springframework.dao.DuplicateKeyException;

/** Generates stream keys whose secret part carries 192 bits from a CSPRNG, URL-safe. */
final class StreamKeys {

	private static final int SECRET_BYTES = 24;
	private static final int ATTEMPTS = 3;

	private final SecureRandom random = new SecureRandom();

	StreamKey next(long vendorId, Instant now) {
		byte[] secret = new byte[SECRET_BYTES];
		random.nextBytes(secret);
		String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		return new StreamKey("vendor_" + vendorId + "_" + now.getEpochSecond() + "_" + encoded);
	}

	/**
	 * Stores a fresh key through {@code store}, with another fresh key if the database's unique
	 * constraint says it is taken (a collision of 192 random bits: a broken random source, in practice).
	 */
	<T> T withUniqueKey(long vendorId, Instant now, Function<StreamKey, T> store) {
		for (int attempt = 1;; attempt++) {
			try {
				return store.apply(next(vendorId, now));
			}
			catch (DuplicateKeyException collision) {
				if (attempt >= ATTEMPTS) {
					throw collision;
				}
			}
		}
	}
}
