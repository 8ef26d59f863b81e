package io.livepulse.settings;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.constraints.Range;

import io.livepulse.shared.FieldError;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * The admin-editable stream settings, in exactly the JSON shape of {@code /api/admin/settings}.
 * A stream keeps a snapshot taken when it is created.
 */
public record StreamSettings(
		boolean simulatedViewersEnabled,
		@Range(min = 0, max = StreamSettings.MAX_VIEWERS) int minSimulatedViewers,
		@Range(min = 0, max = StreamSettings.MAX_VIEWERS) int maxSimulatedViewers,
		@Range(min = 0, max = StreamSettings.MAX_RATE_PER_MINUTE) int viewerIncreasePerMinute,
		@Range(min = 0, max = StreamSettings.MAX_RATE_PER_MINUTE) int viewerDecreasePerMinute,
		boolean simulatedLikesEnabled,
		@Range(min = 0, max = StreamSettings.MAX_RATE_PER_MINUTE) int simulatedLikesPerMinute,
		@DecimalMin(value = "0", inclusive = false, message = MULTIPLIER_RULE)
		@DecimalMax(value = "" + StreamSettings.MAX_MULTIPLIER, message = MULTIPLIER_RULE) double engagementMultiplier,
		@Range(min = 2, max = 3600) int viewerTimeoutSeconds,
		@Range(min = 1, max = 1000) int likeRateLimitPerSecond,
		@Range(min = 0, max = StreamSettings.MAX_VIEWERS) int hideViewerCountBelow,
		@Range(min = 1, max = StreamSettings.MAX_VIEWERS) int maxViewersPerAddress) {

	public static final int MAX_VIEWERS = 100_000;
	public static final int MAX_RATE_PER_MINUTE = 6_000;
	public static final double MAX_MULTIPLIER = 10.0;
	static final String MULTIPLIER_RULE = "must be greater than 0 and at most 10";
	/** The messages are the API's, in English whatever the machine's locale. */
	private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
		.defaultLocale(Locale.ENGLISH)
		.buildValidatorFactory()
		.getValidator();

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

	/** The rules each field keeps on its own (declared on the components above), in the order of the fields. */
	List<FieldError> fieldViolations() {
		List<String> order = Arrays.stream(StreamSettings.class.getRecordComponents()).map(RecordComponent::getName).toList();
		return VALIDATOR.validate(this).stream()
			.map(violation -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
			.sorted(Comparator.comparingInt((FieldError error) -> order.indexOf(error.field())).thenComparing(FieldError::message))
			.collect(Collectors.toCollection(ArrayList::new));
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
