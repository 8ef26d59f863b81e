package io.livepulse.media;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.stream.StreamService;

/**
 * Hands out a stream's playback id: 128 random bits in hex, the name its video goes by on the media
 * server (HLS directory, recordings). Public, unlike the key, and replaced with the key.
 */
@Component
class PlaybackIds {

	private final SecureRandom random = new SecureRandom();
	private final MediaRepository repository;
	private final StreamService streams;
	private final TransactionTemplate transactions;
	private final Clock clock;

	PlaybackIds(MediaRepository repository, StreamService streams, TransactionTemplate transactions, Clock clock) {
		this.repository = repository;
		this.streams = streams;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The current id; the first one is issued under the stream's row lock, in turn with a replacement (a rotation). */
	String currentOf(long streamId) {
		return repository.currentPlaybackId(streamId).orElseGet(() -> transactions.execute(status -> {
			streams.lockForWrite(streamId);
			return repository.currentPlaybackId(streamId).orElseGet(() -> {
				repository.issueFirstPlaybackId(streamId, next(), clock.instant());
				return repository.currentPlaybackId(streamId).orElseThrow();
			});
		}));
	}

	/**
	 * Retires the current id (if any) and issues a new one, under the stream's row lock: two replacements at once
	 * (two key rotations) take turns, each retiring the id the other made current (a retry instead lost to an
	 * eighth rotation at once on PostgreSQL).
	 */
	String replace(long streamId) {
		String fresh = next();
		transactions.executeWithoutResult(status -> {
			streams.lockForWrite(streamId);
			repository.replacePlaybackId(streamId, fresh, clock.instant());
		});
		return fresh;
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
