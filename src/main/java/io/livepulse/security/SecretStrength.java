package io.livepulse.security;

/**
 * A rough guess at how much a secret could be guessed: its length times the Shannon entropy of its
 * own byte frequencies. Random text of 32+ characters from a base64 or hex alphabet scores well over
 * the bar; a repeated character scores 0 and short patterns little.
 */
final class SecretStrength {

	static final int MIN_BITS = 100;

	private SecretStrength() {
	}

	static int estimatedBits(byte[] secret) {
		int[] counts = new int[256];
		for (byte b : secret) {
			counts[b & 0xff]++;
		}
		double bitsPerByte = 0;
		for (int count : counts) {
			if (count > 0) {
				double p = (double) count / secret.length;
				bitsPerByte -= p * Math.log(p) / Math.log(2);
			}
		}
		return (int) Math.floor(bitsPerByte * secret.length);
	}
}
