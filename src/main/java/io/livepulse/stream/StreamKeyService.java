package io.livepulse.stream;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;

/**
 * Stream keys: read by their owner only, rotated by the owner or an admin until the stream ends
 * (rotating a live stream's key revokes it at once, see {@link StreamKeyRotated}), and looked up by
 * the media server's hooks.
 */
@Service
public class StreamKeyService {

	private static final Logger log = LoggerFactory.getLogger(StreamKeyService.class);

	private final StreamService streams;
	private final JdbcStreamRepository repository;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final StreamKeys keys = new StreamKeys();

	StreamKeyService(StreamService streams, JdbcStreamRepository repository, ApplicationEventPublisher events,
			Clock clock) {
		this.streams = streams;
		this.repository = repository;
		this.events = events;
		this.clock = clock;
	}

	/** The key, for the owner only: admins may rotate (revoke) a key, never read it. */
	public StreamKey keyOf(long id, Caller caller) {
		Stream stream = streams.getVisible(id, Optional.of(caller));
		if (!caller.ownsStreamOf(stream.vendorId())) {
			throw ApiProblem.forbidden(caller.isAdmin()
					? "Admins may rotate a stream key to revoke it, but only its seller can read it."
					: "Stream %d belongs to another seller.".formatted(id));
		}
		try {
			return repository.keyOf(id).orElseThrow(() -> StreamService.notFound(id));
		}
		catch (StreamKeyCipher.Unreadable unreadable) {
			log.warn("Stream {} key cannot be decrypted: livepulse.stream.key-secret changed since it was stored", id);
			throw ApiProblem.conflict(("Stream %d's key was stored under another encryption secret and cannot be shown;"
					+ " rotate it to get a new one.").formatted(id));
		}
	}

	/** Rotates the key; the new key is returned to its owner only (an admin revokes, never reads). */
	public Optional<StreamKey> rotateKey(long id, Caller caller) {
		Stream stream = streams.getManaged(id, caller);
		StreamKey rotated = keys.withUniqueKey(stream.vendorId(), clock.instant(),
				key -> repository.replaceKey(id, key) ? key : null);
		if (rotated == null) {
			throw ApiProblem.conflict("Stream %d has ended; its key can no longer be used or rotated.".formatted(id));
		}
		log.info("Stream {} key rotated", id);
		events.publishEvent(new StreamKeyRotated(id, clock.instant()));
		return caller.ownsStreamOf(stream.vendorId()) ? Optional.of(rotated) : Optional.empty();
	}

	/** The stream whose current key this is; a rotated key finds nothing. */
	public Optional<Stream> findByKey(String key) {
		if (key == null || key.isEmpty() || key.length() > 160) {
			return Optional.empty();
		}
		return repository.idOfKey(key).flatMap(streams::find);
	}
}
