package io.livepulse.media;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.modulith.events.ApplicationModuleListener;

import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamEnded;
import io.livepulse.shared.ApiProblem;
import io.livepulse.stream.StreamKeyRotated;
import io.livepulse.stream.StreamKeyService;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * The rules every media server's hooks share: which encoder may publish, when a stream goes live,
 * which drop counts, and when an encoder must be cut. A stream has one encoder session at a time;
 * news about any other client (a refused second publisher, a session already replaced) is ignored.
 */
@Service
class EncoderSessions {

	private static final Logger log = LoggerFactory.getLogger(EncoderSessions.class);

	private final StreamService streams;
	private final StreamKeyService keys;
	private final WhipIngestNames whipNames;
	private final MediaRepository repository;
	private final PlaybackIds playbackIds;
	private final EncoderControl control;
	private final MediaProperties properties;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	EncoderSessions(StreamService streams, StreamKeyService keys, WhipIngestNames whipNames, MediaRepository repository,
			PlaybackIds playbackIds, EncoderControl control, MediaProperties properties, ApplicationEventPublisher events,
			Clock clock) {
		this.streams = streams;
		this.keys = keys;
		this.whipNames = whipNames;
		this.repository = repository;
		this.playbackIds = playbackIds;
		this.control = control;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Lets an encoder publish, or refuses it with a 403 problem whose detail says why.
	 *
	 * @return the playback id the stream's video goes by
	 * @param requiredPlaybackId for servers that cannot rename a stream (MediaMTX, SRS) the encoder publishes
	 *        under the playback id and shows the key as a credential; null for nginx-rtmp, which publishes under
	 *        the key and is renamed by the answer
	 */
	String publish(MediaServer server, String key, String clientId, String requiredPlaybackId, String address) {
		// a camera publish (WHIP) comes under a signed name of LivePulse's own, anything else under the stream key
		Optional<Stream> found = whipNames.streamOf(key, clock.instant()).flatMap(streams::find).or(() -> keys.findByKey(key));
		if (found.isEmpty()) {
			log.info("Publish from {} refused: unknown or rotated stream key", address);
			throw ApiProblem.forbidden("The stream key is unknown or was rotated.");
		}
		Stream stream = found.get();
		if (stream.status() == StreamStatus.ENDED) {
			log.info("Publish to stream {} from {} refused: the stream has ended", stream.id(), address);
			throw ApiProblem.forbidden("Stream %d has ended; create a new stream to go live again.".formatted(stream.id()));
		}
		String playbackId = playbackIds.currentOf(stream.id());
		if (requiredPlaybackId != null && !requiredPlaybackId.equals(playbackId)) {
			log.info("Publish to stream {} from {} refused: not published under its playback id", stream.id(), address);
			throw ApiProblem.forbidden("Publish to the path of the stream's playback id, with the key as a credential.");
		}
		Instant now = clock.instant();
		Optional<EncoderSession> current = repository.session(stream.id());
		if (current.isPresent() && current.get().isConnected() && !current.get().isClient(server, clientId)
				&& !mayReplace(current.get(), server, now)) {
			log.info("Publish to stream {} from {} refused: another encoder is publishing", stream.id(), address);
			throw ApiProblem.forbidden("Another encoder is already publishing to stream %d.".formatted(stream.id()));
		}
		if (!repository.connect(stream.id(), server, clientId, now, current)) {
			log.info("Publish to stream {} from {} refused: another encoder connected first", stream.id(), address);
			throw ApiProblem.forbidden("Another encoder is already publishing to stream %d.".formatted(stream.id()));
		}
		if (endedMeanwhile(stream.id())) {
			repository.markEnded(stream.id(), now);
			log.info("Publish to stream {} from {} refused: the stream ended meanwhile", stream.id(), address);
			throw ApiProblem.forbidden("Stream %d has ended; create a new stream to go live again.".formatted(stream.id()));
		}
		if (stream.status() == StreamStatus.CREATED) {
			streams.startByEncoder(stream.id());
		}
		log.info("Stream {} video connected from {} ({}, client {})", stream.id(), address, server, clientId);
		events.publishEvent(new VideoStateChanged(stream.id(), VideoState.CONNECTED));
		return playbackId;
	}

	/**
	 * Whether the stream ended between the look above and the session's write: the end's own clean-up
	 * (marking the session ended) may have run before the write, so the session is ended here instead.
	 */
	private boolean endedMeanwhile(long streamId) {
		streams.refresh(streamId); // from the database: another node's end may not have reached this node's cache
		return streams.find(streamId).map(stream -> stream.status() == StreamStatus.ENDED).orElse(true);
	}

	/**
	 * A new encoder may take over a connected session only when the old one is known to be gone:
	 * nginx-rtmp reports each encoder every few seconds, so one silent past the limit is dead; MediaMTX
	 * replaces its publisher itself ({@code overridePublisher}); SRS refuses a second publisher and
	 * always reports the first one's end, so its session stands until then.
	 */
	private boolean mayReplace(EncoderSession current, MediaServer server, Instant now) {
		return switch (current.server()) {
			case NGINX_RTMP -> current.lastSeenAt().isBefore(now.minus(properties.encoderSilenceLimit()));
			case MEDIAMTX -> server == MediaServer.MEDIAMTX;
			case SRS -> false;
		};
	}

	/** The encoder stopped: the stream is "reconnecting" if this client was its encoder, else nothing changes. */
	void publishDone(MediaServer server, String clientId) {
		repository.connectedSession(server, clientId).ifPresent(session -> {
			if (repository.disconnect(session.streamId(), server, clientId, clock.instant())) {
				log.info("Stream {} video dropped ({}, client {})", session.streamId(), server, clientId);
				events.publishEvent(new VideoStateChanged(session.streamId(), VideoState.RECONNECTING));
			}
		});
	}

	/**
	 * Whether a publishing encoder may go on: only the stream's current session, on a live stream, under a
	 * key that is still the stream's key. Anything else is cut.
	 */
	boolean mayContinue(MediaServer server, String clientId, String key) {
		Optional<EncoderSession> session = repository.connectedSession(server, clientId);
		if (session.isEmpty()) {
			return false;
		}
		long streamId = session.get().streamId();
		boolean keyStillValid = key == null || whipNames.streamOf(key).map(id -> id == streamId)
			.orElseGet(() -> keys.findByKey(key).map(stream -> stream.id() == streamId).orElse(false));
		Optional<Stream> stream = streams.find(streamId);
		boolean live = stream.map(Stream::isLive).orElse(false);
		if (keyStillValid && live) {
			repository.touch(streamId, clock.instant());
			return true;
		}
		if (stream.isEmpty() || stream.get().status() == StreamStatus.ENDED) {
			// a session connected just as its stream ended (on another node, say) must not stay "connected"
			repository.markEnded(streamId, clock.instant());
		}
		log.info("Encoder of stream {} is cut: {}", streamId, live ? "its key was rotated" : "the stream is not live");
		return false;
	}

	/** A finished recording on the media server, announced under the playback id it was made with. */
	boolean recordingDone(String playbackId, String fileName) {
		return repository.findPlaybackId(playbackId).map(id -> {
			boolean added = repository.addRecording(id.streamId(), fileName, clock.instant());
			if (added) {
				log.info("Stream {} has a new recording", id.streamId());
				events.publishEvent(new RecordingReady(id.streamId(), fileName, clock.instant()));
			}
			return true;
		}).orElse(false);
	}

	@ApplicationModuleListener
	void on(StreamEnded ended) {
		Optional<EncoderSession> session = repository.session(ended.streamId());
		repository.markEnded(ended.streamId(), clock.instant());
		session.filter(EncoderSession::isConnected).ifPresent(control::drop);
	}

	@EventListener
	void on(StreamKeyRotated rotated) {
		playbackIds.replace(rotated.streamId());
		repository.session(rotated.streamId()).filter(EncoderSession::isConnected).ifPresent(session -> {
			repository.disconnect(session.streamId(), session.server(), session.clientId(), clock.instant());
			control.drop(session);
			events.publishEvent(new VideoStateChanged(rotated.streamId(), VideoState.RECONNECTING));
		});
	}
}
