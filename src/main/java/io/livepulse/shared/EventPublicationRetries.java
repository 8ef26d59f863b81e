package io.livepulse.shared;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Delivers again, once a minute, the module events whose listener failed more than a minute ago
 * (Spring Modulith's publication registry keeps them). One node at a time, so no listener runs twice
 * for the same retry.
 */
@Component
class EventPublicationRetries implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(EventPublicationRetries.class);
	private static final Duration EVERY = Duration.ofMinutes(1);

	private final IncompleteEventPublications incomplete;
	private final LockingTaskExecutor locks;
	private final Clock clock;

	EventPublicationRetries(IncompleteEventPublications incomplete, LockingTaskExecutor locks, Clock clock) {
		this.incomplete = incomplete;
		this.locks = locks;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(() -> locks.executeWithLock((Runnable) this::retry,
				new LockConfiguration(clock.instant(), "shared.event-publication-retries", EVERY, Duration.ZERO)), EVERY);
	}

	void retry() {
		try {
			incomplete.resubmitIncompletePublicationsOlderThan(EVERY);
		}
		catch (RuntimeException failed) {
			log.warn("Could not resubmit incomplete event publications; trying again in a minute", failed);
		}
	}
}
