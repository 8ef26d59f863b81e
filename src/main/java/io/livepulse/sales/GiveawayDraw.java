package io.livepulse.sales;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The published draw: the seed is 32 random bytes (hex), fixed and hashed before the first entry; the winning
 * entry is {@code 1 + SHA-256("<seed>:<entries>") mod entries}, the digest read as an unsigned big-endian number.
 * In Python: {@code int(hashlib.sha256(f"{seed}:{n}".encode()).hexdigest(), 16) % n + 1}.
 */
final class GiveawayDraw {

	private static final SecureRandom RANDOM = new SecureRandom();

	private GiveawayDraw() {
	}

	static String newSeed() {
		byte[] seed = new byte[32];
		RANDOM.nextBytes(seed);
		return HexFormat.of().formatHex(seed);
	}

	static String hash(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** The winning entry number among {@code entries} (at least 1). */
	static int winningEntry(String seed, int entries) {
		BigInteger digest = new BigInteger(hash(seed + ":" + entries), 16);
		return digest.mod(BigInteger.valueOf(entries)).intValueExact() + 1;
	}
}
