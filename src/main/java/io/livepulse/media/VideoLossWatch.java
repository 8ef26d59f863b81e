package io.livepulse.media;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Ends a live stream whose video has been gone longer than {@code auto-end-after}, with its final
 * metrics, as if its seller had ended it. With several nodes the job runs on one at a time (a
 * ShedLock row in the database); ending is a conditional update, so even a second run changes nothing.
 */
@Component
class VideoLossWatch {

	private final MediaRepository repository;
	private final StreamService streams;
	private final MediaProperties properties;
	private final Clock clock;

	VideoLossWatch(MediaRepository repository, StreamService streams, MediaProperties properties, Clock clock) {
		this.repository = repository;
		this.streams = streams;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${livepulse.media.video-loss-check-interval:5s}")
	@SchedulerLock(name = "media.end-streams-without-video", lockAtMostFor = "PT2M")
	void endStreamsWithoutVideo() {
		for (EncoderSession session : repository.disconnectedBefore(clock.instant().minus(properties.autoEndAfter()))) {
			streams.find(session.streamId()).filter(Stream::isLive)
				.ifPresent(stream -> streams.endAfterVideoLoss(stream.id()));
		}
	}
}
