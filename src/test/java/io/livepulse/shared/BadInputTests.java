package io.livepulse.shared;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.livepulse.support.BadValues;
import io.livepulse.support.LivePulseH2Test;
import tools.jackson.databind.JsonNode;

/**
 * The bad-input suite on H2: every body and path parameter of the API fed malformed JSON, wrong
 * types, fractions, exponents and numbers past 64 bits, control and bidi characters, dates far out
 * of range, malformed ids and bodies over 64 KB. Every answer is a 4xx problem with a detail and
 * nothing changes (see {@link BadInputContract}, whose text and date cases also run on PostgreSQL).
 * Fixed cases plus jqwik-generated ones from a fixed seed ({@link BadValues}).
 */
@LivePulseH2Test
class BadInputTests extends BadInputContract {

	private static final int BODY_LIMIT = 64 * 1024;
	private static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/x-www-form-urlencoded",
			"application/xml");

	@Test
	void aStreamIsCreatedOnlyFromAWellFormedStrictlyTypedBody() {
		Rejections rejections = new Rejections(this);
		sendMalformed(rejections, "POST", "/api/streams", seller, BadValues.render(NEW_STREAM));
		for (String title : BadValues.notAString()) {
			rejections.expect4xx("POST /api/streams title=" + title,
					() -> api.post("/api/streams", seller, BadValues.with(NEW_STREAM, "title", title)));
		}
		for (String description : BadValues.notAString()) {
			rejections.expect4xx("POST /api/streams description=" + description,
					() -> api.post("/api/streams", seller, BadValues.with(NEW_STREAM, "description", description)));
		}
		for (String mode : BadValues.notAnEnum(List.of("LIVE", "REHEARSAL"))) {
			rejections.expect4xx("POST /api/streams mode=" + mode,
					() -> api.post("/api/streams", seller, BadValues.with(NEW_STREAM, "mode", mode)));
		}
		rejections.assertAllRejectedAndStateUnchanged();
	}

	@Test
	void aPurchaseIsRecordedOnlyFromAWellFormedStrictlyTypedBody() {
		Rejections rejections = new Rejections(this);
		String path = "/api/streams/" + live + "/purchases";
		sendMalformed(rejections, "POST", path, commerce, BadValues.render(purchase()));
		for (String field : List.of("orderId", "currency", "buyerId")) {
			for (String value : BadValues.notAString()) {
				rejections.expect4xx("POST /api/streams/{id}/purchases " + field + "=" + value,
						() -> api.post(path, commerce, BadValues.with(purchase(), field, value)));
			}
		}
		for (String amount : BadValues.notAnInteger(false)) {
			rejections.expect4xx("POST /api/streams/{id}/purchases amountMinor=" + amount,
					() -> api.post(path, commerce, BadValues.with(purchase(), "amountMinor", amount)));
		}
		rejections.assertAllRejectedAndStateUnchanged();
	}

	@Test
	void settingsChangeOnlyThroughAWellFormedStrictlyTypedBody() {
		Rejections rejections = new Rejections(this);
		JsonNode current = api.get("/api/admin/settings", admin).json();
		Map<String, String> settings = new LinkedHashMap<>();
		current.properties().forEach(field -> settings.put(field.getKey(), field.getValue().toString()));
		sendMalformed(rejections, "PUT", "/api/admin/settings", admin, BadValues.render(settings));
		settings.forEach((field, value) -> {
			JsonNode node = current.get(field);
			List<String> bad = node.isBoolean() ? BadValues.notABoolean()
					: node.isIntegralNumber() ? BadValues.notAnInteger(true) : BadValues.notADecimal();
			for (String wrong : bad) {
				rejections.expect4xx("PUT /api/admin/settings " + field + "=" + wrong,
						() -> api.put("/api/admin/settings", admin, BadValues.with(settings, field, wrong)));
			}
		});
		rejections.assertAllRejectedAndStateUnchanged();
	}

	@Test
	void endingAStreamTakesOnlyAWellFormedBooleanSaveAndLeavesItLiveOtherwise() {
		Rejections rejections = new Rejections(this);
		String path = "/api/streams/" + live + "/end";
		sendMalformed(rejections, "POST", path, seller, "{\"save\":true}");
		for (String save : BadValues.notABoolean()) {
			rejections.expect4xx("POST /api/streams/{id}/end save=" + save,
					() -> api.post(path, seller, "{\"save\":" + save + "}"));
		}
		rejections.assertAllRejectedAndStateUnchanged();
	}

	@Test
	void aDevTokenIsIssuedOnlyForAWellFormedStrictlyTypedBody() {
		Rejections rejections = new Rejections(this);
		sendMalformed(rejections, "POST", "/api/dev/token", null, BadValues.render(DEV_TOKEN));
		for (String user : BadValues.notAString()) {
			rejections.expect4xx("POST /api/dev/token user=" + user,
					() -> api.post("/api/dev/token", null, BadValues.with(DEV_TOKEN, "user", user)));
		}
		for (String role : BadValues.notAnEnum(List.of("VIEWER", "SELLER", "ADMIN", "COMMERCE"))) {
			rejections.expect4xx("POST /api/dev/token role=" + role,
					() -> api.post("/api/dev/token", null, BadValues.with(DEV_TOKEN, "role", role)));
		}
		for (String vendorId : BadValues.notAnInteger(false)) {
			rejections.expect4xx("POST /api/dev/token vendorId=" + vendorId,
					() -> api.post("/api/dev/token", null, BadValues.with(DEV_TOKEN, "vendorId", vendorId)));
		}
		rejections.assertAllRejectedAndStateUnchanged();
	}

	@Test
	void aMalformedStreamIdInAnyPathIsAProblemAndTouchesNoStream() {
		record Endpoint(String method, String suffix, String token, String body) {
		}
		List<Endpoint> endpoints = List.of(new Endpoint("GET", "", null, null),
				new Endpoint("GET", "/key", seller, null), new Endpoint("POST", "/key/rotate", seller, null),
				new Endpoint("POST", "/start", seller, null), new Endpoint("POST", "/end", seller, "{\"save\":true}"),
				new Endpoint("POST", "/heartbeat", null, null), new Endpoint("POST", "/leave", null, null),
				new Endpoint("POST", "/likes", viewer, null), new Endpoint("POST", "/purchases", commerce, null),
				new Endpoint("GET", "/engagement", null, null), new Endpoint("GET", "/stats", seller, null),
				new Endpoint("GET", "/analytics", seller, null), new Endpoint("GET", "/analytics.csv", seller, null),
				new Endpoint("GET", "/events", null, null));
		List<String> ids = List.of("abc", "-1", "1e3", "99999999999999999999", "%00", "1;2", "1.5", "0x1F", "%2e%2e",
				"..%2f" + live, "0x" + Long.toHexString(live), "+" + live);
		Rejections rejections = new Rejections(this);
		for (Endpoint endpoint : endpoints) {
			for (String id : ids) {
				String path = "/api/streams/" + id + endpoint.suffix();
				String body = endpoint.suffix().equals("/purchases") ? BadValues.render(purchase()) : endpoint.body();
				rejections.expect4xx(endpoint.method() + " " + path,
						() -> endpoint.suffix().equals("/events")
								? api.statusOfEventStream(path, Map.of())
								: api.exchange(endpoint.method(), path, endpoint.token(), body,
										body == null ? null : "application/json", Map.of()));
			}
		}
		rejections.assertAllRejectedAndStateUnchanged();
	}

	@Test
	void bodiesOver64KbAreRefusedWith413OnEveryBodyEndpointAndChangeNothing() {
		String settings = api.get("/api/admin/settings", admin).body();
		record Target(String method, String path, String token, String body, String bigField) {
		}
		List<Target> targets = List.of(
				new Target("POST", "/api/streams", seller, "{\"title\":\"Big\"}", "title"),
				new Target("POST", "/api/streams/" + live + "/purchases", commerce, BadValues.render(purchase()), "orderId"),
				new Target("PUT", "/api/admin/settings", admin, settings, "padding"),
				new Target("POST", "/api/streams/" + live + "/end", seller, "{\"save\":false}", "padding"),
				new Target("POST", "/api/dev/token", null, BadValues.render(DEV_TOKEN), "user"));
		Rejections rejections = new Rejections(this);
		for (Target target : targets) {
			String justOver = padded(target.body(), BODY_LIMIT + 1);
			rejections.expect(target.method() + " " + target.path() + " valid JSON padded with spaces to 64 KB + 1 byte",
					() -> api.exchange(target.method(), target.path(), target.token(), justOver, "application/json",
							Map.of()), 413);
			String megabyte = target.body().replaceFirst("\\{", "{\"" + target.bigField() + "\":\""
					+ "x".repeat(1024 * 1024) + "\",");
			rejections.expect(target.method() + " " + target.path() + " with a 1 MB " + target.bigField(),
					() -> api.exchange(target.method(), target.path(), target.token(), megabyte, "application/json",
							Map.of()), 413);
			byte[] chunked = padded(target.body(), 1024 * 1024).getBytes(StandardCharsets.UTF_8);
			rejections.expect(target.method() + " " + target.path() + " valid JSON padded to 1 MB, sent chunked",
					() -> api.exchangeChunked(target.method(), target.path(), target.token(), chunked,
							"application/json"), 413);
		}
		rejections.assertAllRejectedAndStateUnchanged();
	}

	/** Malformed JSON, truncations of a valid body, and a valid body under a content type that is not JSON. */
	private void sendMalformed(Rejections rejections, String method, String path, String token, String validBody) {
		for (String body : BadValues.malformedJson()) {
			rejections.expect4xx(method + " " + path + " malformed: " + BadValues.jsonString(body),
					() -> api.exchange(method, path, token, body, "application/json", Map.of()));
		}
		for (String body : BadValues.truncations(validBody)) {
			rejections.expect4xx(method + " " + path + " truncated: " + body,
					() -> api.exchange(method, path, token, body, "application/json", Map.of()));
		}
		for (String contentType : WRONG_CONTENT_TYPES) {
			rejections.expect4xx(method + " " + path + " valid body as " + contentType,
					() -> api.exchange(method, path, token, validBody, contentType, Map.of()));
		}
	}

	/** The JSON object with spaces before its closing brace, {@code size} bytes in all. */
	private static String padded(String json, int size) {
		int closing = json.lastIndexOf('}');
		int missing = size - json.getBytes(StandardCharsets.UTF_8).length;
		return json.substring(0, closing) + " ".repeat(Math.max(0, missing)) + json.substring(closing);
	}
}
