package io.livepulse.media;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import io.livepulse.shared.ApiProblem;

/** Checks on the few values a media server sends us, refused as a 400 problem when malformed. */
final class HookInput {

	private static final int MAX_KEY = 160;
	private static final int MAX_CLIENT_ID = 100;

	private HookInput() {
	}

	static String required(String name, String value, int maxLength) {
		if (value == null || value.isBlank()) {
			throw ApiProblem.badRequest("'%s' is required.".formatted(name));
		}
		if (value.length() > maxLength || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
			throw ApiProblem.badRequest("'%s' is not valid.".formatted(name));
		}
		return value;
	}

	static String clientId(String value) {
		return required("clientid", value, MAX_CLIENT_ID);
	}

	static String key(String value) {
		return required("key", value, MAX_KEY);
	}

	/** The last segment of a path such as {@code live/<playbackId>}. */
	static String lastSegment(String path) {
		String trimmed = path == null ? "" : path.replaceAll("/+$", "");
		return trimmed.substring(trimmed.lastIndexOf('/') + 1);
	}

	/** One parameter of a query string such as {@code key=...&foo=bar} (with or without a leading '?'). */
	static @Nullable String queryParameter(@Nullable String query, String name) {
		if (query == null) {
			return null;
		}
		for (String pair : query.replaceFirst("^\\?", "").split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).equals(name)) {
				try {
					return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException notUrlEncoded) {
					// a stray '%' from any RTMP client: no key (the publish is denied), not a failure of ours
					return null;
				}
			}
		}
		return null;
	}
}
