package io.livepulse.settings;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Caller;
import io.livepulse.shared.FieldError;

@RestController
class SettingsController {

	private final SettingsService settings;

	SettingsController(SettingsService settings) {
		this.settings = settings;
	}

	@GetMapping("/api/admin/settings")
	StreamSettings current() {
		return settings.current();
	}

	@PutMapping("/api/admin/settings")
	StreamSettings update(@RequestBody SettingsUpdate update, Caller caller) {
		List<FieldError> errors = update.errors();
		if (!errors.isEmpty()) {
			throw SettingsService.invalid(errors);
		}
		return settings.update(update::toSettings, caller.userId());
	}

	@GetMapping("/api/admin/settings/audit")
	List<SettingsChange> audit(@RequestParam(defaultValue = "100") int limit) {
		return settings.recentChanges(Math.clamp(limit, 1, 1000));
	}

	/**
	 * The PUT body: every setting of SPEC 7's shape must be present, so a partial body never resets a value silently;
	 * a setting added since ({@link #BEYOND_THE_SPEC}) may be left out by a client written to that shape, and then
	 * keeps its stored value.
	 */
	record SettingsUpdate(Boolean simulatedViewersEnabled, Integer minSimulatedViewers, Integer maxSimulatedViewers,
			Integer viewerIncreasePerMinute, Integer viewerDecreasePerMinute, Boolean simulatedLikesEnabled,
			Integer simulatedLikesPerMinute, Double engagementMultiplier, Integer viewerTimeoutSeconds,
			Integer likeRateLimitPerSecond, Integer hideViewerCountBelow, Integer maxViewersPerAddress) {

		static final Set<String> BEYOND_THE_SPEC = Set.of("maxViewersPerAddress");

		/**
		 * Every error at once: the missing fields, and every rule the given fields break (a rule between
		 * two fields only when both are given), so an admin fixes the form in one round.
		 */
		List<FieldError> errors() {
			List<FieldError> errors = missingFields();
			Set<String> missing = errors.stream().map(FieldError::field).collect(Collectors.toSet());
			StreamSettings given = withDefaultsForMissing();
			given.fieldViolations().stream().filter(violation -> !missing.contains(violation.field())).forEach(errors::add);
			if (minSimulatedViewers != null && maxSimulatedViewers != null) {
				errors.addAll(given.orderViolations());
			}
			return errors;
		}

		private List<FieldError> missingFields() {
			List<FieldError> errors = new ArrayList<>();
			for (RecordComponent field : SettingsUpdate.class.getRecordComponents()) {
				if (SettingsFields.read(field, this) == null && !BEYOND_THE_SPEC.contains(field.getName())) {
					errors.add(new FieldError(field.getName(), "is required"));
				}
			}
			return errors;
		}

		/** The given values, with each missing one taken from the defaults (to check the given ones). */
		private StreamSettings withDefaultsForMissing() {
			return SettingsFields.build(field -> {
				Object given = givenValueOf(field.getName());
				return given != null ? given : SettingsFields.read(field, StreamSettings.DEFAULTS);
			});
		}

		private Object givenValueOf(String name) {
			for (RecordComponent field : SettingsUpdate.class.getRecordComponents()) {
				if (field.getName().equals(name)) {
					return SettingsFields.read(field, this);
				}
			}
			throw new IllegalStateException("The PUT body has no field " + name);
		}

		StreamSettings toSettings(StreamSettings stored) {
			return SettingsFields.build(field -> {
				Object given = givenValueOf(field.getName());
				return given != null ? given : SettingsFields.read(field, stored);
			});
		}
	}
}
