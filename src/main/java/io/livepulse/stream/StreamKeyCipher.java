package io.livepulse.stream;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.livepulse.security.DevProfile;
import io.livepulse.security.SecretStrength;
import io.livepulse.shared.DevSecretFile;

/**
 * How a stream key is stored: never in plain text. Its SHA-256 (hex) finds the stream when a media
 * server presents the key (192 random bits need no salt), and the key sealed with AES-256-GCM lets
 * its owner read it again. The AES key is derived from {@code livepulse.stream.key-secret}, required
 * outside the dev profile like the JWT secret; the dev profile generates one into its data directory.
 */
@Component
class StreamKeyCipher {

	private static final Logger log = LoggerFactory.getLogger(StreamKeyCipher.class);
	private static final int MIN_SECRET_BYTES = 32;
	private static final int IV_BYTES = 12;
	private static final int TAG_BITS = 128;
	private static final String VERSION = "v1:";
	private static final byte[] PURPOSE = "livepulse stream key encryption v1".getBytes(StandardCharsets.UTF_8);

	private final SecretKey key;
	private final SecureRandom random = new SecureRandom();

	/** A sealed key this secret cannot open: the secret changed since it was stored, or the value was altered. */
	static final class Unreadable extends RuntimeException {

		Unreadable(Throwable cause) {
			super("A stored stream key cannot be decrypted with the configured livepulse.stream.key-secret", cause);
		}
	}

	@Autowired
	StreamKeyCipher(StreamProperties properties, Environment environment) {
		this(secret(properties, environment));
	}

	/** With the secret itself; tests and the migration's tests use it. */
	StreamKeyCipher(byte[] secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			this.key = new SecretKeySpec(mac.doFinal(PURPOSE), "AES");
		}
		catch (GeneralSecurityException unavailable) {
			throw new IllegalStateException("HmacSHA256 is not available", unavailable);
		}
	}

	private static byte[] secret(StreamProperties properties, Environment environment) {
		String configured = properties.keySecret();
		boolean dev = DevProfile.isActive(environment);
		if (configured == null || configured.isBlank()) {
			if (!dev) {
				throw new IllegalStateException("livepulse.stream.key-secret (LIVEPULSE_STREAM_KEY_SECRET) must be set "
						+ "outside the dev profile: it encrypts the stored stream keys. Use random bytes, e.g. the output "
						+ "of 'openssl rand -base64 48', and keep it like the JWT secret.");
			}
			String kept = DevSecretFile.readOrCreate(properties.devSecretFile(), MIN_SECRET_BYTES);
			log.info("Dev profile: stream keys are encrypted with the generated secret kept in {}",
					properties.devSecretFile());
			return kept.getBytes(StandardCharsets.UTF_8);
		}
		byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalStateException(
					"livepulse.stream.key-secret must be at least " + MIN_SECRET_BYTES + " bytes long.");
		}
		if (!dev && SecretStrength.estimatedBits(bytes) < SecretStrength.MIN_BITS) {
			throw new IllegalStateException("livepulse.stream.key-secret looks guessable (about "
					+ SecretStrength.estimatedBits(bytes) + " bits; at least " + SecretStrength.MIN_BITS
					+ " needed): use random bytes, e.g. the output of 'openssl rand -base64 48'.");
		}
		return bytes;
	}

	/** The lookup value stored for a key: SHA-256 of its UTF-8 bytes, 64 lower-case hex digits. */
	static String hash(String key) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException unavailable) {
			throw new IllegalStateException("SHA-256 is not available", unavailable);
		}
	}

	/** {@code v1:} and base64url of a fresh 96-bit IV followed by the AES-GCM ciphertext and tag. */
	String seal(StreamKey streamKey) {
		byte[] iv = new byte[IV_BYTES];
		random.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			byte[] sealed = cipher.doFinal(streamKey.value().getBytes(StandardCharsets.UTF_8));
			byte[] stored = Arrays.copyOf(iv, IV_BYTES + sealed.length);
			System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
			return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(stored);
		}
		catch (GeneralSecurityException unavailable) {
			throw new IllegalStateException("AES/GCM is not available", unavailable);
		}
	}

	StreamKey open(String sealed) {
		try {
			if (!sealed.startsWith(VERSION)) {
				throw new IllegalArgumentException("not a sealed stream key");
			}
			byte[] stored = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
			return new StreamKey(new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES),
					StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException | IllegalArgumentException unreadable) {
			throw new Unreadable(unreadable);
		}
	}
}
