package io.livepulse.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.livepulse.security.DevProfile;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.DevSecretFile;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Guards the media hooks. Media servers send no custom headers, so the secret travels in the hook
 * URL's query string; it is compared in constant time and never logged. In the dev profile a secret
 * is generated once into the data directory, where {@code bin/media} reads the same file; prod
 * refuses to start with media enabled and no secret.
 */
@Component
class HookSecret {

	private static final int MIN_LENGTH = 24;

	private final byte[] secret;
	private final MediaProperties properties;

	HookSecret(MediaProperties properties, Environment environment) {
		this.properties = properties;
		String configured = properties.hookSecret();
		if (configured != null && !configured.isBlank()) {
			this.secret = configured.strip().getBytes(StandardCharsets.UTF_8);
		}
		else if (!properties.enabled()) {
			this.secret = null;
		}
		else if (DevProfile.isActive(environment)) {
			this.secret = DevSecretFile.readOrCreate(properties.devSecretFile(), 24).getBytes(StandardCharsets.UTF_8);
		}
		else {
			throw new IllegalStateException("livepulse.media.hook-secret is required when media is enabled "
					+ "(set LIVEPULSE_MEDIA_HOOK_SECRET, e.g. from 'openssl rand -hex 24', and use the same value in the "
					+ "media server's hook URLs), or set livepulse.media.enabled=false.");
		}
		if (secret != null && secret.length < MIN_LENGTH) {
			throw new IllegalStateException("livepulse.media.hook-secret must be at least " + MIN_LENGTH + " characters.");
		}
	}

	/**
	 * The same secret as a key LivePulse shows the media server's other parts: Janus's streaming plugin takes
	 * it as its admin key ({@code bin/media} writes it there), so only LivePulse creates mountpoints.
	 */
	String value() {
		if (secret == null) {
			throw new IllegalStateException("Media is turned off (livepulse.media.enabled=false).");
		}
		return new String(secret, StandardCharsets.UTF_8);
	}

	/** A secret of its own for one purpose (e.g. one mountpoint), derived from this one, the same after a restart. */
	String derived(String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** Refuses the hook call with a 403 problem unless it carries the secret and comes from an allowed address. */
	void check(HttpServletRequest request) {
		if (secret == null) {
			throw ApiProblem.notFound("Media hooks are turned off (livepulse.media.enabled=false).");
		}
		String given = request.getParameter("secret");
		boolean matches = given != null && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8));
		if (!matches) {
			throw ApiProblem.forbidden("The hook URL must carry the media hook secret as '?secret='.");
		}
		if (!properties.allowedAddresses().isEmpty() && !properties.allowedAddresses().contains(request.getRemoteAddr())) {
			throw ApiProblem.forbidden("This address is not an allowed media server.");
		}
	}
}
