package io.livepulse.playback;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code livepulse.playback.*}.
 *
 * @param verifyViewers count a viewer of a stream with video only while their player fetches it (off: every
 *        heartbeating viewer counts, as on a stream without video)
 * @param evidenceWindow how recent a viewer's playlist fetch and whole new segment must be
 * @param tokenLifetime how long a playback token is good for; each heartbeat hands out a fresh one
 * @param logPort the loopback UDP port this node reads the media server's delivery log on (syslog lines), -1 off
 */
@Validated
@ConfigurationProperties("livepulse.playback")
record PlaybackProperties(@DefaultValue("true") boolean verifyViewers,
		@DefaultValue("15s") Duration evidenceWindow, @DefaultValue("2m") Duration tokenLifetime,
		@DefaultValue("5514") @Min(-1) @Max(65_535) int logPort) {
}
