package io.livepulse.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads chat request bodies strictly: an object with only the named fields (a forged {@code userId}
 * on a message is refused, not ignored), each bound with the service's strict JSON rules.
 */
@Component
class ChatBodies {

	private final JsonMapper json;

	ChatBodies(JsonMapper json) {
		this.json = json;
	}

	<T> T read(JsonNode body, Class<T> type, Set<String> fields) {
		if (body == null || !body.isObject()) {
			throw ApiProblem.badRequest("The body must be a JSON object with " + fields + "; nothing was changed.");
		}
		List<FieldError> errors = new ArrayList<>();
		for (String name : body.propertyNames()) {
			if (!fields.contains(name)) {
				errors.add(new FieldError(name, "is not a field of this request"));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.badRequest("Unknown field '%s'; the request takes only %s. Nothing was changed."
				.formatted(errors.get(0).field(), fields)).with("errors", errors);
		}
		try {
			return json.treeToValue(body, type);
		}
		catch (JacksonException ex) {
			String field = ex.getPath().isEmpty() ? "body" : String.valueOf(ex.getPath().get(0).getPropertyName());
			throw ApiProblem.badRequest("Field '%s' has the wrong type; nothing was changed.".formatted(field))
				.with("errors", List.of(new FieldError(field, "has the wrong type")));
		}
	}
}
