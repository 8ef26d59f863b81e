package io.livepulse.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

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
 * off). With several nodes the job runs on one at a time (a ShedLock row in the database); ending is a
 * conditional update, so even a second run changes nothing, and a second telling only has pages look again.
 */
@Component
class VideoLossWatch implements SchedulingConfigurer {

	private static final String LOCK = "media.end-streams-without-video";
	private static final Duration LOCK_AT_MOST = Duration.ofMinutes(2);

	private final MediaRepository repository;
	private final StreamService streams;
	private final MediaProperties properties;
	private final LockingTaskExecutor locks;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	/** The disconnections up to this moment have been told as offline (by this node). */
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
	}

	void endStreamsWithoutVideo() {
		tellWhoseGraceRanOut();
		for (EncoderSession session : repository.disconnectedBefore(clock.instant().minus(properties.autoEndAfter()))) {
			streams.find(session.streamId()).filter(Stream::isLive)
				.ifPresent(stream -> streams.endAfterVideoLoss(stream.id()));
		}
	}

	private void tellWhoseGraceRanOut() {
		Instant upTo = clock.instant().minus(properties.reconnectGrace());
		Instant from = graceOverToldUpTo != null ? graceOverToldUpTo : upTo.minus(properties.videoLossCheckInterval());
		for (EncoderSession session : repository.disconnectedBetween(from, upTo)) {
			events.publishEvent(new VideoStateChanged(session.streamId(), VideoState.OFFLINE));
		}
		graceOverToldUpTo = upTo;
	}
}
