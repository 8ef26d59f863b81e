package io.livepulse.simulation;

import java.util.random.RandomGenerator;

import io.livepulse.settings.StreamSettings;

/**
 * The audience model of SPEC section 6, one tick at a time:
 *
 * <pre>
 * target = clamp(real * multiplier, min, max)
 * diff   = target - simulated
 * diff > 0: add    random(1, min(increase allowance, diff))
 * diff < 0: remove random(1, min(decrease allowance, -diff))
 * </pre>
 *
 * The allowance is the per-minute rate scaled to the tick. A tick shorter than a minute earns a
 * fraction of a viewer; fractions are banked (up to one minute's worth) so the audience moves at
 * the configured rate and never faster, whatever the tick length.
 */
final class SimulationModel {

	/** Per-stream state between ticks. */
	static final class Audience {

		int viewers;
		double increaseAllowance;
		double decreaseAllowance;
	}

	private SimulationModel() {
	}

	static int target(int realViewers, StreamSettings settings) {
		long scaled = Math.round(realViewers * settings.engagementMultiplier());
		return (int) Math.clamp(scaled, settings.minSimulatedViewers(), settings.maxSimulatedViewers());
	}

	/** Moves the audience one tick toward its target and returns the new simulated viewer count. */
	static int step(Audience audience, int realViewers, StreamSettings settings, double tickSeconds,
			RandomGenerator random) {
		double minutes = tickSeconds / 60.0;
		audience.increaseAllowance = Math.min(settings.viewerIncreasePerMinute(),
				audience.increaseAllowance + settings.viewerIncreasePerMinute() * minutes);
		audience.decreaseAllowance = Math.min(settings.viewerDecreasePerMinute(),
				audience.decreaseAllowance + settings.viewerDecreasePerMinute() * minutes);
		int diff = target(realViewers, settings) - audience.viewers;
		if (diff > 0) {
			int most = (int) Math.min(Math.floor(audience.increaseAllowance), diff);
			if (most >= 1) {
				int add = random.nextInt(1, most + 1);
				audience.viewers += add;
				audience.increaseAllowance -= add;
			}
		}
		else if (diff < 0) {
			int most = (int) Math.min(Math.floor(audience.decreaseAllowance), -diff);
			if (most >= 1) {
				int remove = random.nextInt(1, most + 1);
				audience.viewers -= remove;
				audience.decreaseAllowance -= remove;
			}
		}
		return audience.viewers;
	}

	/**
	 * Simulated likes for one tick: Poisson-distributed with mean {@code rate * tick}, and none while
	 * the simulated audience is empty.
	 */
	static int likes(int simulatedViewers, StreamSettings settings, double tickSeconds, RandomGenerator random) {
		if (!settings.simulatedLikesEnabled() || simulatedViewers <= 0 || settings.simulatedLikesPerMinute() <= 0) {
			return 0;
		}
		double mean = settings.simulatedLikesPerMinute() * tickSeconds / 60.0;
		// Knuth's method is fine for the small means one tick produces; large means use a normal approximation
		if (mean > 30) {
			return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
		}
		double limit = Math.exp(-mean);
		double product = random.nextDouble();
		int count = 0;
		while (product > limit) {
			count++;
			product *= random.nextDouble();
		}
		return count;
	}
}
