package io.livepulse.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.livepulse.shared.FieldError;

/** The rules declared on the settings record's fields, read back as the field errors the API answers with. */
class StreamSettingsRulesTests {

	@Test
	void theDefaultsKeepEveryRule() {
		assertThat(StreamSettings.DEFAULTS.violations()).isEmpty();
	}

	@Test
	void everyFieldOutOfItsRangeIsNamedOnceInFieldOrderWithItsBounds() {
		StreamSettings everythingWrong = new StreamSettings(true, -1, 100_001, -1, 6_001, true, -1, 0, 1, 0, -1, 0);

		assertThat(everythingWrong.fieldViolations()).containsExactly(
				new FieldError("minSimulatedViewers", "must be between 0 and 100000"),
				new FieldError("maxSimulatedViewers", "must be between 0 and 100000"),
				new FieldError("viewerIncreasePerMinute", "must be between 0 and 6000"),
				new FieldError("viewerDecreasePerMinute", "must be between 0 and 6000"),
				new FieldError("simulatedLikesPerMinute", "must be between 0 and 6000"),
				new FieldError("engagementMultiplier", "must be greater than 0 and at most 10"),
				new FieldError("viewerTimeoutSeconds", "must be between 2 and 3600"),
				new FieldError("likeRateLimitPerSecond", "must be between 1 and 1000"),
				new FieldError("hideViewerCountBelow", "must be between 0 and 100000"),
				new FieldError("maxViewersPerAddress", "must be between 1 and 100000"));
	}

	@Test
	void theBoundsThemselvesAreAllowedAndAMultiplierJustAboveTenIsNot() {
		StreamSettings atTheBounds = new StreamSettings(false, 0, 100_000, 6_000, 0, false, 6_000, 10.0, 2, 1000, 100_000, 1);
		assertThat(atTheBounds.violations()).isEmpty();

		StreamSettings tooEngaged = new StreamSettings(false, 0, 10, 0, 0, false, 0, 10.01, 30, 10, 0, 25);
		assertThat(tooEngaged.violations()).containsExactly(new FieldError("engagementMultiplier", "must be greater than 0 and at most 10"));
	}

	@Test
	void aMinimumAboveTheMaximumIsTheOneRuleBetweenTwoFields() {
		StreamSettings crossed = new StreamSettings(true, 500, 100, 5, 3, true, 3, 2.0, 30, 10, 0, 25);
		assertThat(crossed.violations())
			.containsExactly(new FieldError("minSimulatedViewers", "must not be greater than maxSimulatedViewers"));
	}
}
