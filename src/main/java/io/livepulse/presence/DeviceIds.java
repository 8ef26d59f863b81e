package io.livepulse.presence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.livepulse.security.ServiceSecrets;

/**
 * Anonymous device ids that only this service can issue: {@code <id>.<mac>}, where the id is 128
 * random bits and the mac an HMAC-SHA256 of it (truncated to 128 bits) under a key derived from
 * the service secret. A made-up or altered cookie fails the check and is never counted.
 */
@Component
class DeviceIds {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
	private static final int ID_CHARS = 22;
	private static final int MAC_BYTES = 16;

	private final SecureRandom random = new SecureRandom();
	private final Mac prototype;

	@Autowired
	DeviceIds(ServiceSecrets secrets) {
		this(secrets.derive("livepulse/device-ids/v1"));
	}

	DeviceIds(SecretKeySpec key) {
		try {
			this.prototype = Mac.getInstance("HmacSHA256");
			this.prototype.init(key);
		}
		catch (GeneralSecurityException unavailable) {
			throw new IllegalStateException("HmacSHA256 is not available", unavailable);
		}
	}

	/** A new signed cookie value. */
	String issue() {
		byte[] id = new byte[16];
		random.nextBytes(id);
		String encoded = ENCODER.encodeToString(id);
		return encoded + "." + ENCODER.encodeToString(mac(encoded));
	}

	/** The device id inside a cookie value, if this service issued it. */
	Optional<String> verify(String cookieValue) {
		if (cookieValue == null || cookieValue.length() != ID_CHARS + 1 + ID_CHARS || cookieValue.charAt(ID_CHARS) != '.') {
			return Optional.empty();
		}
		String id = cookieValue.substring(0, ID_CHARS);
		// compared as text, so only the one canonical encoding of the mac is accepted
		byte[] given = cookieValue.substring(ID_CHARS + 1).getBytes(StandardCharsets.US_ASCII);
		byte[] expected = ENCODER.encodeToString(mac(id)).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(given, expected) ? Optional.of(id) : Optional.empty();
	}

	private byte[] mac(String id) {
		try {
			Mac mac = (Mac) prototype.clone();
			byte[] full = mac.doFinal(id.getBytes(StandardCharsets.US_ASCII));
			byte[] truncated = new byte[MAC_BYTES];
			System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
			return truncated;
		}
		catch (CloneNotSupportedException impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
