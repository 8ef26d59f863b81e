package io.livepulse.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class StreamPresenceTests {

	private final StreamPresence presence = new StreamPresence(0, Set.of());

	@Test
	void aViewerCountsOnceWhateverTheNumberOfHeartbeats() {
		assertThat(presence.heartbeat("u:ann", 0)).isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);
		assertThat(presence.heartbeat("u:ann", 10)).isEqualTo(StreamPresence.Heartbeat.REFRESHED);
		assertThat(presence.heartbeat("u:ann", 20)).isEqualTo(StreamPresence.Heartbeat.REFRESHED);

		assertThat(presence.snapshot()).isEqualTo(new PresenceSnapshot(1, 1, 1));
	}

	@Test
	void silentViewersArePrunedAndTheirSessionIsReturned() {
		presence.heartbeat("u:ann", 0);
		presence.heartbeat("u:bob", 0);
		presence.heartbeat("u:bob", 25_000);

		var closed = presence.pruneSilentSince(20_000);

		assertThat(closed).extracting(StreamPresence.ClosedSession::viewerId).containsExactly("u:ann");
		assertThat(presence.snapshot()).isEqualTo(new PresenceSnapshot(1, 2, 2));
	}

	@Test
	void aReturningViewerRejoinsWithoutBeingUniqueTwice() {
		presence.heartbeat("d:1", 0);
		presence.leave("d:1");

		assertThat(presence.heartbeat("d:1", 5)).isEqualTo(StreamPresence.Heartbeat.REJOINED);
		assertThat(presence.snapshot().uniqueViewers()).isEqualTo(1);
	}

	@Test
	void peakAndUniquesSurviveFromWhatWasSaved() {
		StreamPresence restored = new StreamPresence(40, Set.of("u:a", "u:b"));
		restored.heartbeat("u:a", 0);
		restored.heartbeat("u:c", 0);

		assertThat(restored.snapshot()).isEqualTo(new PresenceSnapshot(2, 40, 3));
	}
}
