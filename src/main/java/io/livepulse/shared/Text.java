package io.livepulse.shared;

/**
 * What text a person typed may contain: no control characters (NUL and friends break databases and
 * logs; a multi-line field may keep line breaks and tabs) and no bidirectional overrides or isolates
 * (U+202A-U+202E, U+2066-U+2069), which make a title read differently from what it is, and no
 * lone surrogate halves (PostgreSQL would store them as '?', making two different ids one).
 */
public final class Text {

	private Text() {
	}

	public static boolean isSingleLine(String text) {
		return isClean(text, false);
	}

	public static boolean isClean(String text, boolean multiline) {
		if (text == null) {
			return true;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
				continue;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
				continue;
			}
			if (Character.isISOControl(c) || Character.isSurrogate(c) || (c >= '\u202A' && c <= '\u202E')
					|| (c >= '\u2066' && c <= '\u2069')) {
				return false;
			}
		}
		return true;
	}
}
