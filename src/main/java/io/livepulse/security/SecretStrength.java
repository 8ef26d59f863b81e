package io.livepulse.security;

/**
 * A rough guess at how much a secret could be guessed: the Shannon entropy of its byte frequencies
 * times its length, taken over one period when the secret repeats itself ("password" four times is
 * worth one "password"). The bar sits at 80 bits, well below what random text from the usual tools
 * scores: the frequency estimate undercounts short random strings (32 hex characters, 128 real bits,
 * score 92 at worst in 200,000 draws), and a bar nearer that would refuse a good secret now and then.
 */
public final class SecretStrength {

	public static final int MIN_BITS = 80;

	private SecretStrength() {
	}

	public static int estimatedBits(byte[] secret) {
		int period = smallestPeriod(secret);
		int[] counts = new int[256];
		for (int i = 0; i < period; i++) {
			counts[secret[i] & 0xff]++;
		}
		double bitsPerByte = 0;
		for (int count : counts) {
			if (count > 0) {
				double p = (double) count / period;
				bitsPerByte -= p * Math.log(p) / Math.log(2);
			}
		}
		return (int) Math.floor(bitsPerByte * period);
	}

	private static int smallestPeriod(byte[] secret) {
		for (int period = 1; period < secret.length; period++) {
			if (repeatsWithPeriod(secret, period)) {
				return period;
			}
		}
		return secret.length;
	}

	private static boolean repeatsWithPeriod(byte[] secret, int period) {
		for (int i = period; i < secret.length; i++) {
			if (secret[i] != secret[i - period]) {
				return false;
			}
		}
		return true;
	}
}
