package io.livepulse.shared;

import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.BadValues;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

/**
 * Bad input in text and date fields, the part that depends on the database (a NUL reached
 * PostgreSQL and came back as a 500): run on H2 by {@link BadInputTests}, which adds every other
 * kind of bad input, and on PostgreSQL by {@link BadTextInputOnPostgresTests}.
 *
 * <p>Every bad request must be answered 4xx {@code application/problem+json} with a {@code detail},
 * and nothing may change: the seller's streams, the settings and their audit, and each stream's
 * status, likes, revenue and orders read back the same. All violations are collected and reported
 * at once.
 */
abstract class BadInputContract {

	static final Map<String, String> NEW_STREAM = orderedOf("title", "\"Spring sale\"", "description",
			"\"Shoes and bags\"", "mode", "\"LIVE\"");
	static final Map<String, String> DEV_TOKEN = orderedOf("user", "\"bad-input\"", "role", "\"SELLER\"", "vendorId", "456");

	@LocalServerPort
	int port;

	ApiClient api;
	long vendor;
	String seller;
	String admin;
	String viewer;
	String commerce;
	long live;

	@BeforeEach
	void signInAndGoLive() {
		api = new ApiClient(port);
		vendor = Unique.vendorId();
		seller = api.token(Unique.user("seller"), "SELLER", vendor);
		admin = api.token("admin", "ADMIN", null);
		viewer = api.token("viewer-1", "VIEWER", null);
		commerce = api.token("shop", "COMMERCE", null);
		live = api.liveStream(seller, "Bad input target");
	}

	@Test
	void controlAndBidiCharactersInEveryTextFieldAreRejectedAsProblemsAndStoreNothing() {
		Rejections rejections = new Rejections(this);
		for (String title : BadValues.textsWithForbiddenCharacters("Spring sale", false)) {
			rejections.expect4xx("POST /api/streams title=" + title,
					() -> api.post("/api/streams", seller, BadValues.with(NEW_STREAM, "title", title)));
		}
		for (String description : BadValues.textsWithForbiddenCharacters("Shoes and bags", true)) {
			rejections.expect4xx("POST /api/streams description=" + description,
					() -> api.post("/api/streams", seller, BadValues.with(NEW_STREAM, "description", description)));
		}
		for (String field : List.of("orderId", "buyerId", "currency")) {
			String around = field.equals("currency") ? "EUR" : "order-1";
			for (String text : BadValues.textsWithForbiddenCharacters(around, false)) {
				rejections.expect4xx("POST /api/streams/{id}/purchases " + field + "=" + text,
						() -> api.post("/api/streams/" + live + "/purchases", commerce,
								BadValues.with(purchase(), field, text)));
			}
		}
		for (String user : BadValues.textsWithForbiddenCharacters("viewer-9", false)) {
			rejections.expect4xx("POST /api/dev/token user=" + user,
					() -> api.post("/api/dev/token", null, BadValues.with(DEV_TOKEN, "user", user)));
		}
		rejections.assertAllRejectedAndStateUnchanged();
	}

	@Test
	void aScheduledAtOutsideASaneRangeIsRejectedAndCreatesNoStream() {
		Rejections rejections = new Rejections(this);
		for (String scheduledAt : BadValues.notASaneInstant(Instant.now())) {
			rejections.expect4xx("POST /api/streams scheduledAt=" + scheduledAt,
					() -> api.post("/api/streams", seller, BadValues.with(NEW_STREAM, "scheduledAt", scheduledAt)));
		}
		rejections.assertAllRejectedAndStateUnchanged();
	}

	/** A valid purchase body with a fresh orderId, as raw JSON fragments. */
	static Map<String, String> purchase() {
		return orderedOf("orderId", BadValues.jsonString("bad-input-" + UUID.randomUUID()), "amountMinor", "1999",
				"currency", "\"EUR\"", "buyerId", "\"buyer-1\"");
	}

	static Map<String, String> orderedOf(String... keysAndValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	/** What the bad requests must not change, read through the API. */
	record State(int sellerStreams, JsonNode settings, int auditEntries, Map<Long, String> streamFigures) {

		static State read(BadInputContract test) {
			ApiClient api = test.api;
			Map<Long, String> figures = new TreeMap<>();
			for (JsonNode row : api.get("/api/admin/streams?vendorId=" + test.vendor, test.admin).json()) {
				JsonNode real = row.get("real");
				figures.put(row.get("id").asLong(), "status=%s likes=%s revenueMinor=%s orders=%s".formatted(
						row.get("status").asString(), real.get("likes"), real.get("revenueMinor"), real.get("orders")));
			}
			return new State(api.get("/api/streams/mine", test.seller).json().size(),
					api.get("/api/admin/settings", test.admin).json(),
					api.get("/api/admin/settings/audit", test.admin).json().size(), figures);
		}

		List<String> differencesTo(State after) {
			List<String> differences = new ArrayList<>();
			if (sellerStreams != after.sellerStreams) {
				differences.add("the seller's streams went from " + sellerStreams + " to " + after.sellerStreams);
			}
			if (!settings.equals(after.settings)) {
				differences.add("the settings changed from " + settings + " to " + after.settings);
			}
			if (auditEntries != after.auditEntries) {
				differences.add("the settings audit went from " + auditEntries + " to " + after.auditEntries + " entries");
			}
			streamFigures.forEach((id, figures) -> {
				if (!Objects.equals(figures, after.streamFigures.get(id))) {
					differences.add("stream " + id + " went from " + figures + " to " + after.streamFigures.get(id));
				}
			});
			after.streamFigures.keySet().stream().filter(id -> !streamFigures.containsKey(id))
				.forEach(id -> differences.add("stream " + id + " appeared: " + after.streamFigures.get(id)));
			return differences;
		}
	}

	/** Sends bad requests, collects every answer that is not a proper rejection, then checks nothing changed. */
	static final class Rejections {

		private final BadInputContract test;
		private final State before;
		private final List<String> violations = new ArrayList<>();
		private int sent;

		Rejections(BadInputContract test) {
			this.test = test;
			this.before = State.read(test);
		}

		/** Must be 4xx problem+json with a detail. */
		void expect4xx(String what, Supplier<Response> request) {
			expect(what, request, 0);
		}

		/** Must be exactly {@code status}, problem+json with a detail. */
		void expect(String what, Supplier<Response> request, int status) {
			sent++;
			Response response;
			try {
				response = request.get();
			}
			catch (IllegalStateException noAnswer) {
				violations.add(abbreviated(what) + " -> no answer: " + noAnswer.getCause());
				return;
			}
			List<String> wrong = new ArrayList<>();
			if (status != 0 ? response.status() != status : response.status() < 400 || response.status() > 499) {
				wrong.add("status " + response.status() + (status != 0 ? " instead of " + status : " (not 4xx)"));
			}
			if (!response.isProblem()) {
				wrong.add("Content-Type '" + response.contentType() + "' (not application/problem+json)");
			}
			else if (!hasDetail(response)) {
				wrong.add("a problem without a detail");
			}
			if (!wrong.isEmpty()) {
				violations.add(abbreviated(what) + " -> " + String.join(", ", wrong) + ": " + abbreviated(response.body()));
			}
		}

		void assertAllRejectedAndStateUnchanged() {
			List<String> changed = before.differencesTo(State.read(test));
			List<String> all = new ArrayList<>(violations);
			changed.forEach(difference -> all.add("state changed: " + difference));
			if (!all.isEmpty()) {
				fail(violations.size() + " of " + sent + " bad requests were not a 4xx problem with a detail"
						+ (changed.isEmpty() ? "" : ", and the state changed") + ":\n  " + String.join("\n  ", all));
			}
		}

		private static boolean hasDetail(Response response) {
			try {
				JsonNode detail = response.json().get("detail");
				return detail != null && detail.isString() && !detail.asString().isBlank();
			}
			catch (RuntimeException notJson) {
				return false;
			}
		}

		private static String abbreviated(String text) {
			String flat = text.replaceAll("\\s+", " ").strip();
			return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...(" + text.length() + " chars)";
		}
	}
}
