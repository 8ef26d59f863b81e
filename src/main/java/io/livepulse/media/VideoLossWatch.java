package io.livepulse.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Ends a live stream whose video has been gone longer than {@code auto-end-after}, with its final
 * metrics, as if its seller had ended it, and tells the viewers of a stream whose encoder's reconnect grace
 * ran out that its video is offline (a page's own timer for the grace keeps its device's time, which may be
 * off). With several nodes the ending runs on one at a time (a ShedLock row in the database; ending is a
 * conditional update, so even a second run changes nothing), and each node tells its own viewers.
 */
@Component
class VideoLossWatch implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(VideoLossWatch.class);
	private static final String LOCK = "media.end-streams-without-video";
	private static final Duration LOCK_AT_MOST = Duration.ofMinutes(2);

	private final MediaRepository repository;
	private final StreamService streams;
	private final MediaProperties properties;
	private final LockingTaskExecutor locks;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	/** The disconnections up to this moment have been told as offline to this node's viewers. */
	private @Nullable Instant graceOverToldUpTo;

	VideoLossWatch(MediaRepository repository, StreamService streams, MediaProperties properties,
			LockingTaskExecutor locks, Clock clock, ApplicationEventPublisher events) {
		this.repository = repository;
		this.events = events;
		this.streams = streams;
		this.properties = properties;
		this.locks = locks;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(() -> locks.executeWithLock((Runnable) this::endStreamsWithoutVideo,
				new LockConfiguration(clock.instant(), LOCK, LOCK_AT_MOST, Duration.ZERO)),
				properties.videoLossCheckInterval());
		// on every node, each for its own viewers (a video event reaches a node's own event streams only)
		tasks.addFixedDelayTask(this::tellWhoseGraceRanOut, properties.videoLossCheckInterval());
	}

	void endStreamsWithoutVideo() {
		for (EncoderSession session : repository.disconnectedBefore(clock.instant().minus(properties.autoEndAfter()))) {
			streams.find(session.streamId()).filter(Stream::isLive)
				.ifPresent(stream -> streams.endAfterVideoLoss(stream.id()));
		}
	}

	void tellWhoseGraceRanOut() {
		Instant upTo = clock.instant().minus(properties.reconnectGrace());
		// the first look, or the clock set back: the last interval (a disconnection told twice only has pages look again)
		Instant from = graceOverToldUpTo != null && !graceOverToldUpTo.isAfter(upTo) ? graceOverToldUpTo
				: upTo.minus(properties.videoLossCheckInterval());
		try {
			for (EncoderSession session : repository.disconnectedBetween(from, upTo)) {
				events.publishEvent(new VideoStateChanged(session.streamId(), VideoState.OFFLINE));
			}
			graceOverToldUpTo = upTo;
		}
		catch (DataAccessException unreachable) {
			// the database is away: the same window is looked at again next time; pages also look every 15 s
			log.debug("Could not look for encoders whose reconnect grace ran out", unreachable);
		}
	}
}
