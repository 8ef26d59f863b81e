package io.livepulse.sales;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.livepulse.shared.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Claims counted by outcome, practice (a rehearsal's sale) apart from real: {@code livepulse.flash_sales.claims}
 * and the units held, {@code livepulse.flash_sales.units_held}. Most claims of a rush are answered by the fast lane
 * ({@link ClaimLane}), before the per-request observations, so these counters are what shows a rush in the metrics;
 * they are registered once, as the likes' and heartbeats' are, since a lookup per claim would cost more.
 */
@Component
class ClaimMeters {

	private static final List<String> OUTCOMES = List.of("held", "sold_out", "not_running", "too_few_units",
			"contended", "over_limit", "rate_limited", "refused", "unavailable", "failed");

	private final Map<String, Counter> claims = new HashMap<>();
	private final Counter realUnits;
	private final Counter practiceUnits;

	ClaimMeters(MeterRegistry meters) {
		for (String outcome : OUTCOMES) {
			for (boolean practice : new boolean[] { false, true }) {
				claims.put(key(outcome, practice), Counter.builder("livepulse.flash_sales.claims").tag("outcome", outcome)
					.tag("practice", Boolean.toString(practice)).register(meters));
			}
		}
		realUnits = Counter.builder("livepulse.flash_sales.units_held").tag("practice", "false").register(meters);
		practiceUnits = Counter.builder("livepulse.flash_sales.units_held").tag("practice", "true").register(meters);
	}

	/**
	 * The claim's answer, counted: held (with its units), refused by its problem's kind, or failed with an error of
	 * the service's own (a 500, which may or may not hold units).
	 */
	ClaimResult counted(boolean practice, Supplier<ClaimResult> claim) {
		String outcome = "failed";
		try {
			ClaimResult held = claim.get();
			outcome = "held";
			(practice ? practiceUnits : realUnits).increment(held.quantity());
			return held;
		}
		catch (ApiProblem refused) {
			outcome = outcomeOf(refused);
			throw refused;
		}
		finally {
			claims.get(key(outcome, practice)).increment();
		}
	}

	private static String outcomeOf(ApiProblem refusal) {
		Map<String, Object> properties = refusal.getBody().getProperties();
		Object status = properties == null ? null : properties.get("status");
		return switch (HttpStatus.valueOf(refusal.getStatusCode().value())) {
			case TOO_MANY_REQUESTS -> "rate_limited";
			case FORBIDDEN -> properties != null && properties.containsKey("perBuyerLimit") ? "over_limit" : "refused";
			// contended: units are left, but all of them are on their way to the database for other claims (Retry-After)
			case CONFLICT -> "SOLD_OUT".equals(status) ? "sold_out"
					: !"RUNNING".equals(status) ? "not_running"
					: properties.containsKey("retryAfterSeconds") ? "contended" : "too_few_units";
			case SERVICE_UNAVAILABLE -> "unavailable";
			default -> "refused";
		};
	}

	private static String key(String outcome, boolean practice) {
		return outcome + (practice ? "/practice" : "/real");
	}
}
