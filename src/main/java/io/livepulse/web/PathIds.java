package io.livepulse.web;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** An id in a page's path: decimal digits only, as in the API ({@code +31} or {@code ３１} is no id). */
final class PathIds {

	private static final Pattern DECIMAL_ID = Pattern.compile("[0-9]{1,18}");

	private PathIds() {
	}

	static @Nullable Long parse(String id) {
		return DECIMAL_ID.matcher(id).matches() ? Long.parseLong(id) : null;
	}
}
