package io.livepulse.shared.logging;

/**
 * Keeps every log entry on its own line whatever a client sent: line breaks become {@code \n} and
 * {@code \r}, and other control characters, Unicode line and paragraph separators and bidirectional
 * overrides become {@code \}{@code uXXXX}, so a JSON field name, a query parameter or an exception
 * message quoting them can never start a forged line nor repaint a terminal. Tabs stay.
 */
final class LogEscaping {

	private LogEscaping() {
	}

	public static String escape(String text) {
		if (text == null) {
			return null;
		}
		int first = 0;
		while (first < text.length() && !needsEscape(text.charAt(first))) {
			first++;
		}
		if (first == text.length()) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				escaped.append("\\n");
			}
			else if (c == '\r') {
				escaped.append("\\r");
			}
			else if (needsEscape(c)) {
				escaped.append("\\u").append("%04X".formatted((int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static boolean needsEscape(char c) {
		return (Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029'
				|| (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
	}
}
