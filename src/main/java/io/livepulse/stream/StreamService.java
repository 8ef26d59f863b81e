package io.livepulse.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import io.livepulse.security.Caller;
import io.livepulse.security.Role;
import io.livepulse.settings.SettingsService;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.FieldError;

/**
 * The stream lifecycle. Transitions are conditional updates, so two racing requests cannot both
 * win, and repeating a transition that already happened answers with the current stream. Streams
 * are read through {@link StreamCache}, refreshed on each transition made here.
 */
@Service
public class StreamService {

	private static final Duration SCHEDULE_RANGE = Duration.ofDays(366);

	private static final Logger log = LoggerFactory.getLogger(StreamService.class);

	private final JdbcStreamRepository repository;
	private final SettingsService settings;
	private final StreamEnding ending;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final StreamKeys keys = new StreamKeys();
	private final StreamCache cache;

	StreamService(JdbcStreamRepository repository, StreamCache cache, SettingsService settings,
			StreamEnding ending, ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.cache = cache;
		this.settings = settings;
		this.ending = ending;
		this.events = events;
		this.clock = clock;
	}

	public CreatedStream create(Caller caller, NewStream request) {
		if (!caller.has(Role.SELLER) || caller.vendorId() == null) {
			throw ApiProblem.forbidden("Only a seller with a vendorId can create streams.");
		}
		Instant now = clock.instant();
		if (request.scheduledAt() != null && (request.scheduledAt().isBefore(now.minus(SCHEDULE_RANGE))
				|| request.scheduledAt().isAfter(now.plus(SCHEDULE_RANGE)))) {
			throw ApiProblem.badRequest("scheduledAt must lie within a year of now.")
				.with("errors", List.of(new FieldError("scheduledAt", "must lie within a year of now")));
		}
		StreamMode mode = request.mode() == null ? StreamMode.LIVE : request.mode();
		return keys.withUniqueKey(caller.vendorId(), now, key -> {
			long id = repository.insert(caller.vendorId(), request.title().strip(), request.description(),
					request.scheduledAt(), mode, key, now, settings.current(), caller.displayName());
			log.info("Stream {} created by vendor {} in mode {}", id, caller.vendorId(), mode);
			return new CreatedStream(load(id), key);
		});
	}

	public Optional<Stream> find(long id) {
		return cache.find(id);
	}

	/** The stream, or a 404 problem. */
	public Stream get(long id) {
		return find(id).orElseThrow(() -> notFound(id));
	}

	/**
	 * The stream as far as this caller may see it: a rehearsal is private to its owner and admins,
	 * and to everyone else it does not exist (the same 404 as an unknown id).
	 */
	public Stream getVisible(long id, Optional<Caller> caller) {
		Stream stream = get(id);
		if (!isVisibleTo(stream, caller)) {
			throw notFound(id);
		}
		return stream;
	}

	public static boolean isVisibleTo(Stream stream, Optional<Caller> caller) {
		return stream.isPublic() || caller.map(who -> who.mayManageStreamOf(stream.vendorId())).orElse(false);
	}

	/**
	 * The stream if the caller owns it or is an admin. Otherwise a 403 problem for a public stream, but
	 * for a rehearsal the caller may not see the same 404 as an unknown id: a refusal would confirm it exists.
	 */
	public Stream getManaged(long id, Caller caller) {
		Stream stream = getVisible(id, Optional.of(caller));
		if (!caller.mayManageStreamOf(stream.vendorId())) {
			throw ApiProblem.forbidden("Stream %d belongs to another seller.".formatted(id));
		}
		return stream;
	}

	/** Public streams only: rehearsals are never listed. */
	public List<Stream> listPublic(StreamStatus status) {
		return repository.findPublic(status);
	}

	/** A seller's own streams; none for any other role, even one whose token carries a vendor id. */
	public List<Stream> listOwn(Caller caller) {
		if (!caller.has(Role.SELLER) || caller.vendorId() == null) {
			return List.of();
		}
		return repository.findByVendor(caller.vendorId());
	}

	/** Every stream, for admins and for the modules that report across streams. */
	public List<Stream> listAll(StreamStatus status) {
		return repository.findAll(status);
	}

	public List<Stream> liveStreams() {
		return listAll(StreamStatus.LIVE);
	}

	public Stream start(long id, Caller caller) {
		getManaged(id, caller);
		return startStream(id);
	}

	public Stream end(long id, Caller caller, boolean save) {
		getManaged(id, caller);
		return endStream(id, save);
	}

	/** Goes live because its encoder started publishing (the media server's hook). */
	public Stream startByEncoder(long id) {
		return startStream(id);
	}

	/**
	 * Ends a stream whose video stopped and never came back, exactly as its seller would, with its
	 * final metrics and a saved replay (the recording would otherwise be lost with no one to save it).
	 */
	public Stream endAfterVideoLoss(long id) {
		log.info("Stream {} ends itself: its video did not come back", id);
		return endStream(id, true);
	}

	public List<Replay> replaysOf(Caller caller) {
		if (!caller.has(Role.SELLER) || caller.vendorId() == null) {
			return List.of();
		}
		return repository.replaysOf(caller.vendorId());
	}

	private Stream startStream(long id) {
		Instant now = clock.instant();
		if (repository.markLive(id, now)) {
			Stream started = reload(id);
			log.info("Stream {} is live", id);
			events.publishEvent(new StreamStarted(id, started.vendorId(), started.mode(), now));
			return started;
		}
		Stream current = reload(id);
		if (current.status() == StreamStatus.LIVE) {
			return current;
		}
		throw ApiProblem.conflict("Stream %d has ended and cannot go live again; create a new stream."
			.formatted(id));
	}

	private Stream endStream(long id, boolean save) {
		Instant now = clock.instant();
		Stream current = repository.markEnded(id, now, save) ? ending.finishAndRead(reload(id)) : reload(id);
		if (current.status() == StreamStatus.ENDED && current.finalMetrics() == null) {
			// an end left half done (its freeze failed, or another request's is still running): finished here, at
			// most once whoever gets there first, so the end is told and a replay asked for is saved
			current = ending.finishAndRead(current);
		}
		if (save && current.finalMetrics() != null
				&& repository.insertReplay(current, null, current.finalMetrics(), now)) {
			log.info("Stream {} saved as a replay", id);
		}
		return current;
	}

	/**
	 * Locks the stream's row until the caller's transaction ends (which must be open) and answers its
	 * status then, from the database. Ending a stream updates that row, so whoever writes under this lock
	 * after seeing LIVE commits before the end, on any node (ADR 0015).
	 */
	public Optional<StreamStatus> lockForWrite(long id) {
		return repository.lockStatus(id);
	}

	/**
	 * Reads a stream again from the database because another node changed it (cluster mode); announces
	 * {@link StreamEndSeen} the first time this node sees it ended with its final metrics.
	 */
	public void refresh(long id) {
		cache.refresh(id);
	}

	/** Re-reads every held stream that may still change (cluster mode's safety net under the event stream). */
	public void refreshHeld() {
		cache.refreshChanged();
	}

	private Stream load(long id) {
		return find(id).orElseThrow(() -> notFound(id));
	}

	private Stream reload(long id) {
		return cache.reload(id);
	}

	static ApiProblem notFound(long id) {
		return ApiProblem.notFound("Stream %d does not exist.".formatted(id));
	}
}
