package io.livepulse.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.presence.*}. The viewer timeout and the per-address viewer cap are admin
 * settings; these are the mechanics around them.
 *
 * @param pruneInterval how often silent viewers are dropped and the peak is saved
 * @param deviceCookie name of the anonymous device-id cookie
 * @param newDevicesPerAddressPerMinute new device ids one client address (IPv6: /64) may get a minute
 */
@ConfigurationProperties("livepulse.presence")
record PresenceProperties(@DefaultValue("500ms") Duration pruneInterval,
		@DefaultValue("lp_device") String deviceCookie, @DefaultValue("60") int newDevicesPerAddressPerMinute) {
}
