package io.livepulse.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Keys for other purposes (e.g. signing device ids), derived from the service's one configured
 * secret with HMAC-SHA256 over the purpose's name, so no module needs a secret of its own and no
 * derived key can be turned back into the token-signing key.
 */
@Component
public class ServiceSecrets {

	private final JwtConfiguration.JwtSigningKey signingKey;

	ServiceSecrets(JwtConfiguration.JwtSigningKey signingKey) {
		this.signingKey = signingKey;
	}

	/** An HMAC-SHA256 key for the given purpose, the same for as long as the configured secret stays. */
	public SecretKeySpec derive(String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(signingKey.secretKey());
			return new SecretKeySpec(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
		}
		catch (GeneralSecurityException unavailable) {
			throw new IllegalStateException("HmacSHA256 is not available", unavailable);
		}
	}
}
