package io.livepulse.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** Playback tokens verify for the viewer's own network only, until they expire, and only as minted. */
class PlaybackTokensTests {

	static final long NOW = 1_800_000_000_000L;

	static PlaybackTokens tokens() {
		return new PlaybackTokens(new SecretKeySpec("viewer-keys".getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
				new SecretKeySpec("signatures".getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Duration.ofMinutes(2));
	}

	@Test
	void aTokenVerifiesFromItsOwnSlash24AndSaysWhichStreamAndViewer() {
		PlaybackTokens tokens = tokens();
		PlaybackTokens.Minted minted = tokens.mint(42, "d:device-one", "127.0.0.1", NOW);
		assertThat(minted.token()).matches("42\\.\\d+\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22}").doesNotContain("device-one");
		assertThat(tokens.verify(minted.token(), "127.0.0.200", NOW + 60_000))
			.contains(new PlaybackTokens.Claims(42, minted.viewerKey()));
		assertThat(minted.viewerKey()).isEqualTo(tokens.viewerKey("d:device-one")).isNotEqualTo(tokens.viewerKey("d:device-two"));
	}

	@Test
	void aTokenFromAnotherNetworkAnExpiredOneOrAnAlteredOneDoesNotVerify() {
		PlaybackTokens tokens = tokens();
		String token = tokens.mint(42, "d:device-one", "127.0.0.1", NOW).token();
		assertThat(tokens.verify(token, "127.0.1.1", NOW)).as("another /24").isEmpty();
		assertThat(tokens.verify(token, "not an address", NOW)).isEmpty();
		assertThat(tokens.verify(token, "127.0.0.1", NOW + Duration.ofMinutes(3).toMillis())).as("expired").isEmpty();
		assertThat(tokens.verify("43" + token.substring(2), "127.0.0.1", NOW)).as("another stream").isEmpty();
		assertThat(tokens.verify(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"), "127.0.0.1", NOW))
			.isEmpty();
		assertThat(tokens.verify(null, "127.0.0.1", NOW)).isEmpty();
		assertThat(tokens.verify("1.2.3.4", "127.0.0.1", NOW)).isEmpty();
		assertThat(tokens().verify(token, "127.0.0.1", NOW)).as("the same keys verify on another node").isPresent();
	}

	@Test
	void anIpv6TokenHoldsForItsSlash64AndAMappedIpv4AddressIsItsIpv4Network() {
		PlaybackTokens tokens = tokens();
		String token = tokens.mint(7, "u:5", "2001:db8:1:2::10", NOW).token();
		assertThat(tokens.verify(token, "2001:db8:1:2:ffff::1", NOW)).isPresent();
		assertThat(tokens.verify(token, "2001:db8:1:3::10", NOW)).isEmpty();
		assertThat(PlaybackTokens.network("::ffff:192.0.2.7")).isEqualTo(PlaybackTokens.network("192.0.2.99"));
		assertThat(PlaybackTokens.network("2001:db8:1:2::/64")).as("the presence module's address key")
			.isEqualTo(PlaybackTokens.network("2001:db8:1:2::10")).isNotEmpty();
	}

	@Test
	void aHeartbeatWithinHalfTheLifetimeGetsTheSameTokenAndOneLaterAFreshOne() {
		PlaybackTokens tokens = tokens();
		String first = tokens.mint(1, "d:x", "127.0.0.1", NOW).token();
		assertThat(tokens.mint(1, "d:x", "127.0.0.1", NOW + 10_000).token()).isEqualTo(first);
		assertThat(tokens.mint(1, "d:x", "127.0.0.1", NOW + 70_000).token()).isNotEqualTo(first);
	}
}
