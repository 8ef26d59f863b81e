package io.livepulse.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The STUN and TURN servers a browser gets with a WebRTC playback. With a TURN secret, the credentials are
 * coturn's time-limited ones ({@code use-auth-secret}): user name {@code <expiry unix time>:livepulse},
 * password the Base64 of HMAC-SHA1(secret, user name), so a leaked pair stops working by itself.
 */
@Component
class IceServers {

	private final MediaProperties.WebRtc properties;
	private final Clock clock;

	IceServers(MediaProperties properties, Clock clock) {
		this.properties = properties.webrtc();
		this.clock = clock;
	}

	List<VideoView.IceServer> forViewer() {
		if (properties.iceServers().isEmpty()) {
			return List.of();
		}
		String secret = properties.turnSecret();
		if (secret == null || secret.isBlank()) {
			return List.of(new VideoView.IceServer(properties.iceServers(), null, null));
		}
		long expiresAt = clock.instant().plus(properties.turnCredentialLifetime()).getEpochSecond();
		String username = expiresAt + ":livepulse";
		return List.of(new VideoView.IceServer(properties.iceServers(), username, credential(secret, username)));
	}

	static String credential(String secret, String username) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
