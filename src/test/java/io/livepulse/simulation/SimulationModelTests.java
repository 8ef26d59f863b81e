package io.livepulse.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.livepulse.settings.StreamSettings;

class SimulationModelTests {

	private static StreamSettings settings(int min, int max, int increase, int decrease, int likesPerMinute,
			double multiplier) {
		return new StreamSettings(true, min, max, increase, decrease, true, likesPerMinute, multiplier, 30, 10, 0, 25);
	}

	@Test
	void workedExampleFromTheSpecAddsOneOrTwoNeverMore() {
		StreamSettings settings = settings(15, 100, 5, 3, 3, 2.0);
		assertThat(SimulationModel.target(10, settings)).isEqualTo(20);

		Set<Integer> outcomes = new HashSet<>();
		for (long seed = 0; seed < 200; seed++) {
			SimulationModel.Audience audience = new SimulationModel.Audience();
			audience.viewers = 18;
			outcomes.add(SimulationModel.step(audience, 10, settings, 60, new SplittableRandom(seed)));
		}

		assertThat(outcomes).containsExactlyInAnyOrder(19, 20);
	}

	@Test
	void fromNoRealViewersItClimbsToMinAtNoMoreThanTheIncreaseRateThenStaysInRange() {
		StreamSettings settings = settings(15, 100, 5, 3, 3, 2.0);
		SimulationModel.Audience audience = new SimulationModel.Audience();
		SplittableRandom random = new SplittableRandom(42);
		int reachedMinAtSecond = -1;
		for (int second = 1; second <= 600; second++) {
			int viewers = SimulationModel.step(audience, 0, settings, 1.0, random);
			assertThat(viewers).as("after %d s", second).isLessThanOrEqualTo((int) Math.floor(5 * second / 60.0));
			if (viewers == 15 && reachedMinAtSecond < 0) {
				reachedMinAtSecond = second;
			}
			if (reachedMinAtSecond > 0) {
				assertThat(viewers).isBetween(15, 100);
			}
		}
		assertThat(reachedMinAtSecond).isBetween(180, 200);
	}

	@Test
	void aboveTheTargetItFallsAtNoMoreThanTheDecreaseRate() {
		StreamSettings settings = settings(15, 100, 5, 3, 3, 2.0);
		SimulationModel.Audience audience = new SimulationModel.Audience();
		audience.viewers = 100;
		SplittableRandom random = new SplittableRandom(7);
		for (int second = 1; second <= 120; second++) {
			int viewers = SimulationModel.step(audience, 0, settings, 1.0, random);
			assertThat(100 - viewers).isLessThanOrEqualTo((int) Math.floor(3 * second / 60.0));
		}
		assertThat(audience.viewers).isEqualTo(94);
	}

	@Test
	void theTargetFollowsRealViewersTimesTheMultiplierWithinMinAndMax() {
		StreamSettings settings = settings(15, 100, 5, 3, 3, 2.0);
		assertThat(SimulationModel.target(0, settings)).isEqualTo(15);
		assertThat(SimulationModel.target(30, settings)).isEqualTo(60);
		assertThat(SimulationModel.target(500, settings)).isEqualTo(100);
	}

	@Test
	void simulatedLikesArriveNearTheConfiguredRate() {
		StreamSettings settings = settings(15, 100, 5, 3, 30, 2.0);
		SplittableRandom random = new SplittableRandom(3);
		long likes = 0;
		for (int second = 0; second < 3600; second++) {
			likes += SimulationModel.likes(20, settings, 1.0, random);
		}
		assertThat(likes).isBetween(1700L, 1900L);
	}

	@Test
	void noSimulatedLikesWithoutASimulatedAudienceOrWhenDisabled() {
		StreamSettings disabled = new StreamSettings(true, 15, 100, 5, 3, false, 600, 2.0, 30, 10, 0, 25);
		SplittableRandom random = new SplittableRandom(1);
		for (int i = 0; i < 100; i++) {
			assertThat(SimulationModel.likes(0, settings(15, 100, 5, 3, 600, 2.0), 1.0, random)).isZero();
			assertThat(SimulationModel.likes(50, disabled, 1.0, random)).isZero();
		}
	}
}
