package io.livepulse.chat;

import io.livepulse.shared.TextFold;

/**
 * A message as it is stored: line breaks and tabs become spaces; other control characters, format
 * characters (invisible ones such as the zero-width space and soft hyphen, direction marks, bidirectional
 * overrides and isolates; {@link TextFold#withoutFormatCharacters}) and lone surrogate halves are dropped;
 * Unicode and emoji are kept, joined emoji too; surrounding white space is trimmed.
 */
final class ChatText {

	private ChatText() {
	}

	static String clean(String raw) {
		StringBuilder kept = new StringBuilder(raw.length());
		raw.codePoints().forEach(cp -> {
			if (cp == '\n' || cp == '\r' || cp == '\t') {
				kept.append(' ');
			}
			else if (!Character.isISOControl(cp) && !(cp >= 0x202A && cp <= 0x202E) && !(cp >= 0x2066 && cp <= 0x2069)
					&& !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
				kept.appendCodePoint(cp);
			}
		});
		return TextFold.withoutFormatCharacters(kept.toString()).strip();
	}

	/** Characters as a person counts them (code points: an emoji is one). */
	static int length(String text) {
		return text.codePointCount(0, text.length());
	}
}
