package io.livepulse.presence;

import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import io.livepulse.playback.VerifiedViewers;
import io.livepulse.playback.ViewerBeganWatching;
import io.livepulse.settings.SettingsService;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * Real viewers per stream: a heartbeat joins or refreshes, silence past the stream's viewer
 * timeout drops out, a leave removes at once. Held in this node's memory ({@link LocalPresence}),
 * or in cluster mode in Redis ({@link SharedPresence}), reached in batches off the request path
 * ({@link PresenceExchange}), with this node's memory as the fallback while Redis is unreachable.
 * Joins and closed sessions are written to {@code stream_viewers} in batches by the prune tick
 * ({@link PresenceUpkeep}), off the request path.
 */
@Service
public class PresenceService {

	private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

	private final StreamService streams;
	private final ViewerLog viewerLog;
	private final Clock clock;
	private final SettingsService settings;
	private final PresenceRefusals refusals;
	private final Counter heartbeats;
	private final LocalPresence local;
	private final @Nullable SharedPresence shared;
	private final @Nullable PresenceExchange exchange;
	private final PresenceWrites writes;
	private final PresenceUpkeep upkeep;
	private final VerifiedViewers verified;
	private final SignInHandover handover;

	PresenceService(StreamService streams, ViewerLog viewerLog, Clock clock, MeterRegistry meters,
			SettingsService settings, PresenceRefusals refusals, LocalPresence local,
			ObjectProvider<SharedPresence> shared, ObjectProvider<PresenceExchange> exchange, PresenceWrites writes,
			PresenceUpkeep upkeep, VerifiedViewers verified, SignInHandover handover) {
		this.streams = streams;
		this.viewerLog = viewerLog;
		this.clock = clock;
		this.settings = settings;
		this.refusals = refusals;
		this.heartbeats = Counter.builder("livepulse.heartbeats").register(meters);
		this.local = local;
		this.shared = shared.getIfAvailable();
		this.exchange = exchange.getIfAvailable();
		this.writes = writes;
		this.upkeep = upkeep;
		this.verified = verified;
		this.handover = handover;
	}

	/**
	 * A heartbeat: joins or refreshes the visitor's viewer, unless the visitor has no countable id
	 * yet (a device id issued only now counts from its next heartbeat) or was refused (a made-up
	 * device id, too many new ids, or the address's viewer cap reached), which is recorded for
	 * admins. An ended stream is a 409 problem, answered before the visitor is resolved, so no device
	 * id is issued for a stream nobody can watch. On a stream with video a viewer counts only while their player
	 * fetches it ({@link VerifiedViewers}); the playback token their player needs for that is returned.
	 *
	 * @return the viewer's playback token on a stream with verified viewers (a device issued only now gets one
	 *         too), else null
	 */
	public @Nullable String heartbeat(Stream stream, Supplier<Visitor> resolveVisitor) {
		if (stream.status() == StreamStatus.ENDED) {
			throw LocalPresence.nothingToWatch(stream.id());
		}
		long streamId = stream.id();
		Visitor visitor = resolveVisitor.get();
		heartbeats.increment();
		if (visitor.refused().isPresent()) {
			refusals.record(visitor.refused().get(), visitor.address());
			return null;
		}
		long now = clock.millis();
		if (visitor.viewer().isEmpty()) {
			return visitor.issuedNow().map(issued -> verified.token(streamId, issued.value(), visitor.address(), now))
				.orElse(null);
		}
		String viewerId = visitor.viewer().get().value();
		// before the admission, which may count the user only later (once their player fetches the video)
		handover.signedIn(streamId, visitor, exchange == null, device -> leave(streamId, device));
		VerifiedViewers.Admission admission = verified.admit(streamId, viewerId, visitor.address(), now);
		if (!admission.counts()) {
			refusals.record(UncountedHeartbeats.Reason.NOT_FETCHING_VIDEO, visitor.address());
			return admission.playbackToken();
		}
		count(streamId, viewerId, visitor.address(), now);
		return admission.playbackToken();
	}

	/** A viewer turned away at their last heartbeat whose player now fetches the video counts at once. */
	@EventListener
	void on(ViewerBeganWatching began) {
		if (streams.find(began.streamId()).filter(stream -> stream.status() == StreamStatus.LIVE).isPresent()) {
			try {
				count(began.streamId(), began.viewerId(), began.address(), clock.millis());
			}
			catch (RuntimeException notCounted) {
				// the stream ended meanwhile, or presence could not take it: the viewer's next heartbeat counts them
				log.debug("A viewer who began watching was not counted at once", notCounted);
			}
		}
	}

	private void count(long streamId, String viewerId, String address, long now) {
		if (exchange != null) {
			try {
				if (exchange.note(streamId, viewerId, address, now)) {
					return;
				}
			}
			catch (StreamEndedForHeartbeats ended) {
				throw LocalPresence.nothingToWatch(streamId);
			}
		}
		local.count(streamId, viewerId, address, now, settings.current().maxViewersPerAddress());
	}

	/** Heartbeats answered but not counted since start-up, for admins. */
	public UncountedHeartbeats uncountedHeartbeats() {
		return refusals.report();
	}

	/** Stops counting a viewer; leaving a stream one is not watching is harmless. */
	public PresenceSnapshot leave(long streamId, ViewerId viewer) {
		boolean ended = streams.get(streamId).status() == StreamStatus.ENDED;
		verified.left(streamId, viewer.value());
		// nobody is counted on an ended stream: a leave there touches nothing shared (it once wrote the stream's
		// keys back into Redis and read its whole viewer list from the database, request after request)
		if (shared != null && exchange != null && !ended) {
			exchange.drop(streamId, viewer.value());
			try {
				shared.leave(streamId, viewer.value(), clock.millis()).forEach(closed -> writes.close(streamId, closed));
				return shared.snapshot(streamId);
			}
			catch (RuntimeException unreachable) {
				log.debug("Redis unreachable; the leave is applied on this node only", unreachable);
			}
		}
		return local.leave(streamId, viewer.value());
	}

	/**
	 * Whether the viewer is counted on the stream right now (a real viewer, heard from within the timeout),
	 * through any node; a heartbeat another node took shows here from its next exchange on.
	 */
	public boolean isPresent(long streamId, ViewerId viewer) {
		if (shared != null && exchange != null && exchange.reachable()) {
			try {
				return exchange.noted(streamId, viewer.value()) || shared.isActive(streamId, viewer.value());
			}
			catch (RuntimeException unreachable) {
				log.debug("Redis unreachable; asking this node's own presence", unreachable);
			}
		}
		return local.isActive(streamId, viewer.value());
	}

	/** The real viewers counted on the stream right now, through any node (a copy; simulated viewers are never here). */
	public Set<String> presentViewers(long streamId) {
		if (shared != null) {
			try {
				return shared.activeViewers(streamId);
			}
			catch (RuntimeException unreachable) {
				log.debug("Redis unreachable; asking this node's own presence", unreachable);
			}
		}
		return local.activeViewers(streamId);
	}

	/** Viewers now, peak and unique viewers; in cluster mode every node's, as of the last exchange. */
	public PresenceSnapshot snapshot(long streamId) {
		boolean notEnded = streams.find(streamId).filter(stream -> stream.status() != StreamStatus.ENDED).isPresent();
		PresenceSnapshot everyNode = notEnded && exchange != null ? exchange.figures(streamId) : null;
		PresenceSnapshot known = everyNode != null ? everyNode : local.heldSnapshot(streamId);
		if (known != null) {
			return known;
		}
		return notEnded ? local.snapshot(streamId) : PresenceSnapshot.EMPTY;
	}

	/**
	 * The figures to freeze when a stream ends: from memory, or, if nothing is held (a restart
	 * since the last heartbeat), from the saved peak and the viewers who ever joined.
	 */
	public PresenceSnapshot finalSnapshot(long streamId) {
		if (exchange != null) {
			exchange.sendNow(streamId);
		}
		PresenceSnapshot known = everyNodeOrHeld(streamId);
		if (known != null) {
			return known;
		}
		upkeep.flush();
		return new PresenceSnapshot(0, viewerLog.savedPeak(streamId), viewerLog.viewersWhoJoined(streamId).size());
	}

	/** Average watch time in seconds of the stream's real viewers: closed sessions and the open ones so far. */
	public double averageWatchSeconds(long streamId) {
		upkeep.flush();
		ViewerLog.WatchTime watchTime = viewerLog.watchTime(streamId);
		long openSeconds = local.openWatchSeconds(streamId);
		if (shared != null) {
			try {
				openSeconds += shared.openWatchSeconds(streamId);
			}
			catch (RuntimeException unreachable) {
				log.debug("Redis unreachable; open sessions of other nodes left out", unreachable);
			}
		}
		return watchTime.viewers() == 0 ? 0 : (double) (watchTime.totalSeconds() + openSeconds) / watchTime.viewers();
	}

	/** Every node's figures (cluster mode, Redis reachable), else this node's if it holds the stream. */
	private @Nullable PresenceSnapshot everyNodeOrHeld(long streamId) {
		PresenceSnapshot everyNode = sharedSnapshot(streamId);
		return everyNode != null ? everyNode : local.heldSnapshot(streamId);
	}

	private @Nullable PresenceSnapshot sharedSnapshot(long streamId) {
		if (shared == null) {
			return null;
		}
		try {
			return shared.snapshot(streamId);
		}
		catch (RuntimeException unreachable) {
			log.debug("Redis unreachable; this node's own presence is shown", unreachable);
			return null;
		}
	}
}
