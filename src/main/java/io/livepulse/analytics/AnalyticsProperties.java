package io.livepulse.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code livepulse.analytics.*}: how often each live stream's figures are sampled for its timeline. */
@ConfigurationProperties("livepulse.analytics")
record AnalyticsProperties(@DefaultValue("10s") Duration sampleInterval) {
}
