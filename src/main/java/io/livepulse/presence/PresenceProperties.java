package io.livepulse.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.presence.*}. The viewer timeout itself is a stream setting (admin-editable,
 * snapshotted per stream); these are the mechanics around it.
 *
 * @param pruneInterval how often silent viewers are dropped and the peak is saved
 * @param deviceCookie name of the anonymous device-id cookie
 */
@ConfigurationProperties("livepulse.presence")
public record PresenceProperties(@DefaultValue("500ms") Duration pruneInterval,
		@DefaultValue("lp_device") String deviceCookie) {
}
