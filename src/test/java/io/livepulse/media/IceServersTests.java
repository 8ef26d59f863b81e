package io.livepulse.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** What a browser gets to reach Janus through: the configured STUN/TURN servers and coturn's time-limited credentials. */
class IceServersTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

	private static IceServers with(Map<String, String> settings) {
		MediaProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("livepulse.media", MediaProperties.class);
		return new IceServers(properties, CLOCK);
	}

	@Test
	void withoutServersABrowserGetsNoneAndUsesItsOwnCandidatesOnly() {
		assertThat(with(Map.of()).forViewer()).isEmpty();
	}

	@Test
	void withoutATurnSecretTheServersComeWithoutCredentials() {
		var servers = with(Map.of("livepulse.media.webrtc.ice-servers", "stun:stun.example.com:3478")).forViewer();

		assertThat(servers).singleElement().satisfies(server -> {
			assertThat(server.urls()).containsExactly("stun:stun.example.com:3478");
			assertThat(server.username()).isNull();
			assertThat(server.credential()).isNull();
		});
	}

	@Test
	void withATurnSecretTheCredentialsAreCoturnsRestApiOnesExpiringAfterTheLifetime() {
		var servers = with(Map.of("livepulse.media.webrtc.ice-servers", "turn:turn.example.com:3478",
				"livepulse.media.webrtc.turn-secret", "coturn-static-secret",
				"livepulse.media.webrtc.turn-credential-lifetime", "0s")).forViewer();

		// 2026-01-01T00:00:00Z is 1767225600; the credential is what
		// echo -n "1767225600:livepulse" | openssl dgst -sha1 -hmac coturn-static-secret -binary | base64 prints
		assertThat(servers).singleElement().satisfies(server -> {
			assertThat(server.username()).isEqualTo("1767225600:livepulse");
			assertThat(server.credential()).isEqualTo("+2EC92+ZBWXVJZ5Fjze7dqM3WAI=");
		});
		assertThat(with(Map.of("livepulse.media.webrtc.ice-servers", "turn:turn.example.com:3478",
				"livepulse.media.webrtc.turn-secret", "coturn-static-secret")).forViewer().get(0).username())
			.as("valid for the default 12 hours").isEqualTo((1767225600L + 12 * 3600) + ":livepulse");
	}
}
