package io.livepulse.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Finishes the ends left half done (ENDED, but without final metrics: the process stopped between the two, or the
 * freeze failed, say on a database fail-over), at start-up and then every {@link #EVERY}, for ends older than that
 * (a younger one may still be finishing), so the end is announced and a replay asked for is saved. The freeze is
 * stored at most once, so every node may sweep.
 */
@Component
class InterruptedEnds implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(InterruptedEnds.class);
	static final Duration EVERY = Duration.ofSeconds(30);

	private final JdbcStreamRepository repository;
	private final StreamEnding ending;
	private final Clock clock;

	InterruptedEnds(JdbcStreamRepository repository, StreamEnding ending, Clock clock) {
		this.repository = repository;
		this.ending = ending;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(() -> finishEndedBefore(clock.instant().minus(EVERY)), EVERY);
	}

	@EventListener(ApplicationReadyEvent.class)
	void finishAtStart() {
		finishEndedBefore(clock.instant());
	}

	void finishEndedBefore(Instant endedBefore) {
		for (Stream interrupted : repository.endedWithoutFinalMetrics(endedBefore)) {
			try {
				log.warn("Stream {} was ended but its final metrics were never stored; storing them now", interrupted.id());
				Stream finished = ending.finishAndRead(interrupted);
				if (finished.finalMetrics() != null && repository.replayRequested(finished.id())
						&& repository.insertReplay(finished, null, finished.finalMetrics(), clock.instant())) {
					log.info("Stream {} saved as a replay, as its end asked", finished.id());
				}
			}
			catch (RuntimeException failed) {
				log.warn("Could not finish the end of stream {}; trying again in {}", interrupted.id(), EVERY, failed);
			}
		}
	}
}
