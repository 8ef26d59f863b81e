package io.livepulse.shared;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code livepulse.scheduling.*}.
 *
 * @param threads how many of the service's ticks (push hubs, group-commit flushes, presence upkeep, sale and
 *        auction clocks, webhook dispatch, cluster exchange) may run at the same time; a tick never overlaps
 *        itself, and one that waits (a database lock, a slow media server) holds up only its own thread; 1 runs
 *        them all on one thread, one after the other, as Spring Boot's scheduler does with virtual threads on
 */
@Validated
@ConfigurationProperties("livepulse.scheduling")
record SchedulingProperties(@DefaultValue("8") @Min(1) @Max(64) int threads) {
}
