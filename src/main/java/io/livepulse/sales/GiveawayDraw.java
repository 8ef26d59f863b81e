package io.livepulse.sales;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The published draw: the seed is 32 random bytes (hex), fixed and hashed before the first entry. The draw picks
 * among the eligible entries (all, but those of people the seller excluded, whose numbers are published), in
 * order: the one at position {@code SHA-256("<seed>:<eligible>") mod eligible} (from 0), the digest read as an
 * unsigned big-endian number. Without exclusions that is entry {@code 1 + SHA-256("<seed>:<entries>") mod entries};
 * in Python: {@code int(hashlib.sha256(f"{seed}:{n}".encode()).hexdigest(), 16) % n + 1}.
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

	/** The winning entry number among the eligible ones (in order, at least one). */
	static int winningEntry(String seed, List<Integer> eligible) {
		BigInteger digest = new BigInteger(hash(seed + ":" + eligible.size()), 16);
		return eligible.get(digest.mod(BigInteger.valueOf(eligible.size())).intValueExact());
	}
}
