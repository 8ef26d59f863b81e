package io.livepulse.media;

import java.time.Clock;
import java.time.Duration;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Ends a live stream whose video has been gone longer than {@code auto-end-after}, with its final
 * metrics, as if its seller had ended it. With several nodes the job runs on one at a time (a
 * ShedLock row in the database); ending is a conditional update, so even a second run changes nothing.
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

	VideoLossWatch(MediaRepository repository, StreamService streams, MediaProperties properties,
			LockingTaskExecutor locks, Clock clock) {
		this.repository = repository;
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
		for (EncoderSession session : repository.disconnectedBefore(clock.instant().minus(properties.autoEndAfter()))) {
			streams.find(session.streamId()).filter(Stream::isLive)
				.ifPresent(stream -> streams.endAfterVideoLoss(stream.id()));
		}
	}
}
