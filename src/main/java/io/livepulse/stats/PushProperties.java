package io.livepulse.stats;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.push.*}.
 *
 * @param minInterval at most one event per stream per this interval
 * @param subscriberTimeout when a subscription is closed so that the browser reconnects
 */
@ConfigurationProperties("livepulse.push")
public record PushProperties(@DefaultValue("1s") Duration minInterval,
		@DefaultValue("30m") Duration subscriberTimeout) {
}
