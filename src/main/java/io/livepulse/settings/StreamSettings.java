package io.livepulse.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.livepulse.shared.FieldError;

/**
 * The admin-editable stream settings, in exactly the JSON shape of {@code /api/admin/settings}.
 * A stream keeps a snapshot taken when it is created.
 */
public record StreamSettings(
		boolean simulatedViewersEnabled,
		int minSimulatedViewers,
		int maxSimulatedViewers,
		int viewerIncreasePerMinute,
		int viewerDecreasePerMinute,
		boolean simulatedLikesEnabled,
		int simulatedLikesPerMinute,
		double engagementMultiplier,
		int viewerTimeoutSeconds,
		int likeRateLimitPerSecond,
		int hideViewerCountBelow,
		int maxViewersPerAddress) {

	public static final int MAX_VIEWERS = 100_000;
	public static final int MAX_RATE_PER_MINUTE = 6_000;
	public static final double MAX_MULTIPLIER = 10.0;

	public static final StreamSettings DEFAULTS = new StreamSettings(true, 15, 100, 5, 3, true, 3, 2.0, 30, 10, 0, 25);

	/** Every rule an admin can break, as field errors; empty when the settings are valid. */
	public List<FieldError> violations() {
		List<FieldError> errors = fieldViolations();
		errors.addAll(orderViolations());
		return errors;
	}

	/** The rule between two fields: the simulated audience's minimum is not above its maximum. */
	List<FieldError> orderViolations() {
		return minSimulatedViewers > maxSimulatedViewers
				? List.of(new FieldError("minSimulatedViewers", "must not be greater than maxSimulatedViewers"))
				: List.of();
	}

	/** The rules each field keeps on its own. */
	List<FieldError> fieldViolations() {
		List<FieldError> errors = new ArrayList<>();
		range(errors, "minSimulatedViewers", minSimulatedViewers, 0, MAX_VIEWERS);
		range(errors, "maxSimulatedViewers", maxSimulatedViewers, 0, MAX_VIEWERS);
		range(errors, "viewerIncreasePerMinute", viewerIncreasePerMinute, 0, MAX_RATE_PER_MINUTE);
		range(errors, "viewerDecreasePerMinute", viewerDecreasePerMinute, 0, MAX_RATE_PER_MINUTE);
		range(errors, "simulatedLikesPerMinute", simulatedLikesPerMinute, 0, MAX_RATE_PER_MINUTE);
		if (!(engagementMultiplier > 0 && engagementMultiplier <= MAX_MULTIPLIER)) {
			errors.add(new FieldError("engagementMultiplier", "must be greater than 0 and at most 10"));
		}
		range(errors, "viewerTimeoutSeconds", viewerTimeoutSeconds, 2, 3600);
		range(errors, "likeRateLimitPerSecond", likeRateLimitPerSecond, 1, 1000);
		range(errors, "hideViewerCountBelow", hideViewerCountBelow, 0, MAX_VIEWERS);
		range(errors, "maxViewersPerAddress", maxViewersPerAddress, 1, MAX_VIEWERS);
		return errors;
	}

	private static void range(List<FieldError> errors, String field, long value, long min, long max) {
		if (value < min || value > max) {
			errors.add(new FieldError(field, "must be between %d and %d".formatted(min, max)));
		}
	}

	/** The settings as key/value text, the form they are stored and audited in. */
	Map<String, String> asValues() {
		return SettingsFields.asValues(this);
	}

	/** Reads stored values; a key that was never stored keeps its default. */
	static StreamSettings fromValues(Map<String, String> values) {
		return SettingsFields.fromValues(values);
	}
}
