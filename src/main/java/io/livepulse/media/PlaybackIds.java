package io.livepulse.media;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Hands out a stream's playback id: 128 random bits in hex, the name its video goes by on the media
 * server (HLS directory, recordings). Public, unlike the key, and replaced with the key.
 */
@Component
class PlaybackIds {

	private static final int MAX_ATTEMPTS = 5;

	private final SecureRandom random = new SecureRandom();
	private final MediaRepository repository;
	private final Clock clock;

	PlaybackIds(MediaRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	String currentOf(long streamId) {
		return repository.currentPlaybackId(streamId).orElseGet(() -> {
			repository.issueFirstPlaybackId(streamId, next(), clock.instant());
			return repository.currentPlaybackId(streamId).orElseThrow();
		});
	}

	/**
	 * Retires the current id (if any) and issues a new one. Two replacements at once (two key rotations)
	 * collide on the one current id: the later one tries again on the id the other made current.
	 */
	String replace(long streamId) {
		for (int attempt = 1;; attempt++) {
			String fresh = next();
			try {
				repository.replacePlaybackId(streamId, fresh, clock.instant());
				return fresh;
			}
			catch (DuplicateKeyException | ConcurrencyFailureException anotherReplacementWon) {
				if (attempt == MAX_ATTEMPTS) {
					throw anotherReplacementWon;
				}
			}
		}
	}

	static boolean looksLikeOne(String candidate) {
		return candidate != null && candidate.length() == 32 && candidate.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
	}

	private String next() {
		byte[] bits = new byte[16];
		random.nextBytes(bits);
		return HexFormat.of().formatHex(bits);
	}
}
