package io.livepulse.playback;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.livepulse.security.ServiceSecrets;
import io.livepulse.shared.ClientAddress;

/**
 * Playback tokens: {@code <stream>.<expires, epoch s>.<viewer key>.<signature>}. The viewer key is a keyed hash of
 * the viewer id (the id itself, a credential, never reaches the media server's log); the signature covers the
 * stream, the expiry, the viewer key and the viewer's network (the /24 of an IPv4 address, the /64 of an IPv6
 * one), which is not in the token: a token used from another network does not verify. Each node derives
 * the same keys from the service secret, so any node reads a token any other minted.
 */
@Component
class PlaybackTokens {

	record Claims(long streamId, String viewerKey) {
	}

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
	private static final int VIEWER_KEY_CHARS = 16;
	private static final int SIGNATURE_CHARS = 22;
	static final Pattern STREAM_ID = Pattern.compile("\\d{1,18}");
	private static final Pattern EXPIRY = Pattern.compile("\\d{1,12}");
	/** For {@link #verify}: whether the token has expired is not asked. */
	static final long ANY_TIME = Long.MIN_VALUE;

	private final Mac viewerKeys;
	private final Mac signatures;
	private final Duration lifetime;
	/** A heartbeat every 10 s would otherwise sign every time: a token is handed out again for half its life. */
	private final Cache<String, Minted> recent;

	/** A token and the viewer key it carries. */
	record Minted(String token, String viewerKey, long expiresAt) {
	}

	@Autowired
	PlaybackTokens(ServiceSecrets secrets, PlaybackProperties properties) {
		this(secrets.derive("livepulse/playback-viewer-keys/v1"), secrets.derive("livepulse/playback-tokens/v1"),
				properties.tokenLifetime());
	}

	PlaybackTokens(SecretKeySpec viewerKey, SecretKeySpec signatureKey, Duration lifetime) {
		this.viewerKeys = mac(viewerKey);
		this.signatures = mac(signatureKey);
		this.lifetime = lifetime;
		this.recent = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(lifetime.dividedBy(2)).build();
	}

	/** The viewer's key on the media server's log, the same on every node. */
	String viewerKey(String viewerId) {
		return BASE64.encodeToString(sign(viewerKeys, viewerId)).substring(0, VIEWER_KEY_CHARS);
	}

	/** A token for this viewer on this stream from this address, good for the configured lifetime. */
	Minted mint(long streamId, String viewerId, String address, long nowMillis) {
		String network = network(address);
		String cacheKey = streamId + "|" + viewerId + "|" + network;
		Minted minted = recent.getIfPresent(cacheKey);
		if (minted != null && minted.expiresAt * 1000 - nowMillis > lifetime.toMillis() / 2) {
			return minted;
		}
		long expiresAt = (nowMillis + lifetime.toMillis()) / 1000;
		String viewerKey = viewerKey(viewerId);
		String unsigned = streamId + "." + expiresAt + "." + viewerKey;
		Minted fresh = new Minted(unsigned + "." + signature(unsigned, network), viewerKey, expiresAt);
		recent.put(cacheKey, fresh);
		return fresh;
	}

	/** What a token says, if it is well formed, signed for this address's network and not expired at {@code atMillis}. */
	Optional<Claims> verify(@Nullable String token, String address, long atMillis) {
		if (token == null || token.length() > 120) {
			return Optional.empty();
		}
		String[] parts = token.split("\\.", -1);
		if (parts.length != 4 || !STREAM_ID.matcher(parts[0]).matches() || !EXPIRY.matcher(parts[1]).matches()
				|| parts[2].length() != VIEWER_KEY_CHARS || parts[3].length() != SIGNATURE_CHARS) {
			return Optional.empty();
		}
		String network = network(address);
		if (network.isEmpty() || (atMillis != ANY_TIME && Long.parseLong(parts[1]) * 1000 < atMillis)) {
			return Optional.empty();
		}
		String unsigned = parts[0] + "." + parts[1] + "." + parts[2];
		boolean signed = MessageDigest.isEqual(signature(unsigned, network).getBytes(StandardCharsets.US_ASCII),
				parts[3].getBytes(StandardCharsets.US_ASCII));
		return signed ? Optional.of(new Claims(Long.parseLong(parts[0]), parts[2])) : Optional.empty();
	}

	/** The /24 of an IPv4 address or the /64 of an IPv6 one, as text; empty for what is not an address literal. */
	static String network(String address) {
		InetAddress parsed = ClientAddress.literalOfKey(address);
		if (parsed == null) {
			return "";
		}
		String key = ClientAddress.keyOf(parsed);
		// the IPv6 key is already the /64; an IPv4 address (mapped ones included) loses its last part
		return key.endsWith("/64") ? key : key.substring(0, key.lastIndexOf('.'));
	}

	private String signature(String unsigned, String network) {
		return BASE64.encodeToString(sign(signatures, unsigned + "|" + network)).substring(0, SIGNATURE_CHARS);
	}

	private static byte[] sign(Mac prototype, String text) {
		try {
			return ((Mac) prototype.clone()).doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (CloneNotSupportedException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	private static Mac mac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException unavailable) {
			throw new IllegalStateException("HmacSHA256 is not available", unavailable);
		}
	}
}
