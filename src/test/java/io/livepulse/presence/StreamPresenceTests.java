package io.livepulse.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class StreamPresenceTests {

	private static final String ADDRESS = "192.0.2.1";
	private static final int CAP = 25;

	private final StreamPresence presence = new StreamPresence(0, Set.of());

	@Test
	void anAddressCountsAtMostTheCapAndTheRestAreRefused() {
		for (int i = 0; i < 3; i++) {
			assertThat(presence.heartbeat("d:" + i, ADDRESS, 0, 3)).isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);
		}

		assertThat(presence.heartbeat("d:extra", ADDRESS, 0, 3)).isEqualTo(StreamPresence.Heartbeat.ADDRESS_FULL);
		assertThat(presence.heartbeat("d:other-address", "192.0.2.2", 0, 3))
			.isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);
		assertThat(presence.heartbeat("d:0", ADDRESS, 10, 3)).isEqualTo(StreamPresence.Heartbeat.REFRESHED);
		assertThat(presence.snapshot().viewers()).isEqualTo(4);
		assertThat(presence.isActive("d:extra")).isFalse();
	}

	@Test
	void aPlaceFreedByLeavingOrSilenceCanBeTakenAgain() {
		presence.heartbeat("d:1", ADDRESS, 0, 2);
		presence.heartbeat("d:2", ADDRESS, 1_000, 2);
		assertThat(presence.heartbeat("d:3", ADDRESS, 1_000, 2)).isEqualTo(StreamPresence.Heartbeat.ADDRESS_FULL);

		presence.leave("d:1");
		assertThat(presence.heartbeat("d:3", ADDRESS, 1_000, 2)).isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);

		presence.pruneSilentSince(1_500);
		assertThat(presence.heartbeat("d:4", ADDRESS, 2_000, 2)).isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);
		assertThat(presence.heartbeat("d:5", ADDRESS, 2_000, 2)).isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);
		assertThat(presence.heartbeat("d:6", ADDRESS, 2_000, 2)).isEqualTo(StreamPresence.Heartbeat.ADDRESS_FULL);
	}

	@Test
	void anAddressThatChurnsDeviceIdsBringsAtMostFourTimesItsCapOfNewViewersAndTheyMayComeBack() {
		int cap = 2;
		for (int i = 0; i < StreamPresence.EVER_PER_ADDRESS * cap; i++) {
			assertThat(presence.heartbeat("d:" + i, ADDRESS, i, cap)).isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);
			presence.leave("d:" + i);
		}

		assertThat(presence.heartbeat("d:one-more", ADDRESS, 100, cap)).isEqualTo(StreamPresence.Heartbeat.ADDRESS_FULL);
		assertThat(presence.snapshot().uniqueViewers()).isEqualTo(8);
		assertThat(presence.heartbeat("d:0", ADDRESS, 100, cap)).as("a viewer it brought before")
			.isEqualTo(StreamPresence.Heartbeat.REJOINED);
		assertThat(presence.heartbeat("d:elsewhere", "192.0.2.9", 100, cap)).isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);
	}

	/** Device ids gathered beforehand, heartbeating from many /64s of one routed /48, count its share only. */
	@Test
	void aSlash48CountsAtMostEightTimesAnAddressesCapAtOnceWhateverNumberOfSlash64sItUses() {
		int cap = 2;
		int counted = 0;
		for (int net = 0; net < 100; net++) {
			String slash64 = io.livepulse.shared.ClientAddress.keyOf("2001:db8:7:" + Integer.toHexString(net) + "::1");
			for (int device = 0; device < cap; device++) {
				counted += presence.heartbeat("d:" + net + "-" + device, slash64, 0, cap) == StreamPresence.Heartbeat.FIRST_JOIN ? 1 : 0;
			}
		}

		assertThat(counted).isEqualTo(NewDeviceLimiter.PER_NETWORK * cap);
		assertThat(presence.heartbeat("d:v6-elsewhere", io.livepulse.shared.ClientAddress.keyOf("2001:db8:8::1"), 0, cap))
			.as("another /48").isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);
		presence.leave("d:0-0");
		assertThat(presence.heartbeat("d:99-0", io.livepulse.shared.ClientAddress.keyOf("2001:db8:7:63::1"), 1, cap))
			.as("a place the /48 gave back").isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);
	}

	@Test
	void aSlash48BringsAtMostEightTimesAnAddressesNewViewersOverTheStreamsLife() {
		int cap = 1;
		int counted = 0;
		for (int net = 0; net < 100; net++) {
			String slash64 = io.livepulse.shared.ClientAddress.keyOf("2001:db8:9:" + Integer.toHexString(net) + "::1");
			if (presence.heartbeat("d:" + net, slash64, net, cap) == StreamPresence.Heartbeat.FIRST_JOIN) {
				counted++;
			}
			presence.leave("d:" + net);
		}

		assertThat(counted).isEqualTo(NewDeviceLimiter.PER_NETWORK * StreamPresence.EVER_PER_ADDRESS * cap);
		assertThat(presence.snapshot().uniqueViewers()).isEqualTo(counted);
	}

	@Test
	void aViewerRefusedBecauseTheAddressIsFullAtOnceDoesNotUseUpItsNewViewers() {
		presence.heartbeat("d:first", ADDRESS, 0, 1);
		for (int i = 0; i < 10; i++) {
			assertThat(presence.heartbeat("d:waiting-" + i, ADDRESS, 0, 1)).isEqualTo(StreamPresence.Heartbeat.ADDRESS_FULL);
		}
		presence.leave("d:first");

		for (int i = 1; i < StreamPresence.EVER_PER_ADDRESS; i++) {
			assertThat(presence.heartbeat("d:next-" + i, ADDRESS, i, 1)).isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);
			presence.leave("d:next-" + i);
		}
		assertThat(presence.heartbeat("d:too-many", ADDRESS, 10, 1)).isEqualTo(StreamPresence.Heartbeat.ADDRESS_FULL);
	}

	@Test
	void aViewerCountsOnceWhateverTheNumberOfHeartbeats() {
		assertThat(presence.heartbeat("u:ann", ADDRESS, 0, CAP)).isEqualTo(StreamPresence.Heartbeat.FIRST_JOIN);
		assertThat(presence.heartbeat("u:ann", ADDRESS, 10, CAP)).isEqualTo(StreamPresence.Heartbeat.REFRESHED);
		assertThat(presence.heartbeat("u:ann", ADDRESS, 20, CAP)).isEqualTo(StreamPresence.Heartbeat.REFRESHED);

		assertThat(presence.snapshot()).isEqualTo(new PresenceSnapshot(1, 1, 1));
	}

	@Test
	void silentViewersArePrunedAndTheirSessionIsReturned() {
		presence.heartbeat("u:ann", ADDRESS, 0, CAP);
		presence.heartbeat("u:bob", ADDRESS, 0, CAP);
		presence.heartbeat("u:bob", ADDRESS, 25_000, CAP);

		var closed = presence.pruneSilentSince(20_000);

		assertThat(closed).extracting(StreamPresence.ClosedSession::viewerId).containsExactly("u:ann");
		assertThat(presence.snapshot()).isEqualTo(new PresenceSnapshot(1, 2, 2));
	}

	@Test
	void aReturningViewerRejoinsWithoutBeingUniqueTwice() {
		presence.heartbeat("d:1", ADDRESS, 0, CAP);
		presence.leave("d:1");

		assertThat(presence.heartbeat("d:1", ADDRESS, 5, CAP)).isEqualTo(StreamPresence.Heartbeat.REJOINED);
		assertThat(presence.snapshot().uniqueViewers()).isEqualTo(1);
	}

	@Test
	void peakAndUniquesSurviveFromWhatWasSaved() {
		StreamPresence restored = new StreamPresence(40, Set.of("u:a", "u:b"));
		restored.heartbeat("u:a", ADDRESS, 0, CAP);
		restored.heartbeat("u:c", ADDRESS, 0, CAP);

		assertThat(restored.snapshot()).isEqualTo(new PresenceSnapshot(2, 40, 3));
	}
}
