package io.livepulse.shared;

import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The scheduler every tick of the service runs on: a pool of threads (virtual ones when the service's threads are
 * virtual), so that one tick waiting on the database or a media server does not hold up the others. With virtual threads on, Spring Boot's own
 * scheduler runs every fixed-delay task on a single thread (SimpleAsyncTaskScheduler keeps fixed-delay
 * semantics that way), which made the 25-ms push hubs wait behind each database tick (ADR 0026).
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

	@Bean
	ThreadPoolTaskScheduler taskScheduler(SchedulingProperties properties, Environment environment) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(properties.threads());
		scheduler.setThreadNamePrefix("tick-");
		if (Threading.VIRTUAL.isActive(environment)) {
			// virtual, as the requests are: on platform threads the ticks took the cores from the requests' carriers
			// (an auction's bid answer p50 456 ms against 85-120 ms, side by side; ADR 0026)
			scheduler.setThreadFactory(Thread.ofVirtual().name("tick-", 0).factory());
		}
		scheduler.setRemoveOnCancelPolicy(true);
		// a tick under way when the service stops finishes (a group commit, a presence flush) before the
		// database pool closes
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.setAwaitTerminationSeconds(10);
		return scheduler;
	}
}
