package io.livepulse.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Callers;
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
	StreamSettings update(@RequestBody SettingsUpdate update) {
		List<FieldError> errors = update.errors();
		if (!errors.isEmpty()) {
			throw SettingsService.invalid(errors);
		}
		return settings.update(update.toSettings(), Callers.required().userId());
	}

	@GetMapping("/api/admin/settings/audit")
	List<SettingsChange> audit(@RequestParam(defaultValue = "100") int limit) {
		return settings.recentChanges(Math.clamp(limit, 1, 1000));
	}

	/** The PUT body: every setting must be present, so a partial body never resets a value silently. */
	record SettingsUpdate(Boolean simulatedViewersEnabled, Integer minSimulatedViewers, Integer maxSimulatedViewers,
			Integer viewerIncreasePerMinute, Integer viewerDecreasePerMinute, Boolean simulatedLikesEnabled,
			Integer simulatedLikesPerMinute, Double engagementMultiplier, Integer viewerTimeoutSeconds,
			Integer likeRateLimitPerSecond, Integer hideViewerCountBelow, Integer maxViewersPerAddress) {

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
			require(errors, "simulatedViewersEnabled", simulatedViewersEnabled);
			require(errors, "minSimulatedViewers", minSimulatedViewers);
			require(errors, "maxSimulatedViewers", maxSimulatedViewers);
			require(errors, "viewerIncreasePerMinute", viewerIncreasePerMinute);
			require(errors, "viewerDecreasePerMinute", viewerDecreasePerMinute);
			require(errors, "simulatedLikesEnabled", simulatedLikesEnabled);
			require(errors, "simulatedLikesPerMinute", simulatedLikesPerMinute);
			require(errors, "engagementMultiplier", engagementMultiplier);
			require(errors, "viewerTimeoutSeconds", viewerTimeoutSeconds);
			require(errors, "likeRateLimitPerSecond", likeRateLimitPerSecond);
			require(errors, "hideViewerCountBelow", hideViewerCountBelow);
			require(errors, "maxViewersPerAddress", maxViewersPerAddress);
			return errors;
		}

		private static void require(List<FieldError> errors, String field, Object value) {
			if (value == null) {
				errors.add(new FieldError(field, "is required"));
			}
		}

		private StreamSettings withDefaultsForMissing() {
			StreamSettings d = StreamSettings.DEFAULTS;
			return new StreamSettings(or(simulatedViewersEnabled, d.simulatedViewersEnabled()),
					or(minSimulatedViewers, d.minSimulatedViewers()), or(maxSimulatedViewers, d.maxSimulatedViewers()),
					or(viewerIncreasePerMinute, d.viewerIncreasePerMinute()),
					or(viewerDecreasePerMinute, d.viewerDecreasePerMinute()),
					or(simulatedLikesEnabled, d.simulatedLikesEnabled()),
					or(simulatedLikesPerMinute, d.simulatedLikesPerMinute()),
					or(engagementMultiplier, d.engagementMultiplier()), or(viewerTimeoutSeconds, d.viewerTimeoutSeconds()),
					or(likeRateLimitPerSecond, d.likeRateLimitPerSecond()), or(hideViewerCountBelow, d.hideViewerCountBelow()),
					or(maxViewersPerAddress, d.maxViewersPerAddress()));
		}

		private static <T> T or(T given, T fallback) {
			return given != null ? given : fallback;
		}

		StreamSettings toSettings() {
			return new StreamSettings(simulatedViewersEnabled, minSimulatedViewers, maxSimulatedViewers,
					viewerIncreasePerMinute, viewerDecreasePerMinute, simulatedLikesEnabled, simulatedLikesPerMinute,
					engagementMultiplier, viewerTimeoutSeconds, likeRateLimitPerSecond, hideViewerCountBelow,
					maxViewersPerAddress);
		}
	}
}
