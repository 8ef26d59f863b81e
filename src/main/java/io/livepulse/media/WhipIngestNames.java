package io.livepulse.media;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * The name a camera publish (WHIP) goes to the media server under, instead of the stream key, which never leaves
 * LivePulse: {@code whip-<stream>-<expiry>-<signature>}, signed with the media hook secret, so any node's publish
 * hook can tell its stream without shared state. It must be used within {@link #VALID_FOR} of being made.
 */
@Component
class WhipIngestNames {

	static final Duration VALID_FOR = Duration.ofSeconds(60);
	private static final Pattern NAME = Pattern.compile("whip-(\\d{1,18})-(\\d{1,12})-([0-9a-f]{32})");

	private final HookSecret secret;

	WhipIngestNames(HookSecret secret) {
		this.secret = secret;
	}

	String mint(long streamId, Instant now) {
		long expires = now.plus(VALID_FOR).getEpochSecond();
		return "whip-" + streamId + "-" + expires + "-" + signature(streamId, expires);
	}

	/** The stream a name was made for, while it may start a publish; empty for anything else (such as a stream key). */
	Optional<Long> streamOf(String name, Instant now) {
		Matcher parts = NAME.matcher(name);
		return parts.matches() && now.getEpochSecond() <= Long.parseLong(parts.group(2)) ? signedFor(parts) : Optional.empty();
	}

	/** The stream a name was made for, however long ago: a publish that started in time goes on. */
	Optional<Long> streamOf(String name) {
		Matcher parts = NAME.matcher(name);
		return parts.matches() ? signedFor(parts) : Optional.empty();
	}

	private Optional<Long> signedFor(Matcher parts) {
		long streamId = Long.parseLong(parts.group(1));
		boolean signed = MessageDigest.isEqual(signature(streamId, Long.parseLong(parts.group(2)))
			.getBytes(StandardCharsets.US_ASCII), parts.group(3).getBytes(StandardCharsets.US_ASCII));
		return signed ? Optional.of(streamId) : Optional.empty();
	}

	private String signature(long streamId, long expires) {
		return secret.derived("whip-ingest:" + streamId + ":" + expires).substring(0, 32);
	}
}
