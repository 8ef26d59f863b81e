package io.livepulse.shared;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * Text as a reader sees it rather than as its code points spell it.
 *
 * <p>{@link #fold} is the form to compare typed text with a list (blocked terms): two texts that look
 * alike fold to the same string. It takes three steps:
 * <ol>
 * <li>invisible characters are dropped: every format character (general category Cf, such as the
 * zero-width space U+200B, soft hyphen U+00AD, word joiner U+2060, zero-width joiner U+200D, the
 * direction marks U+200E/U+200F and bidirectional controls, U+FEFF) and every other default-ignorable
 * code point;</li>
 * <li>Unicode NFKC with case folding: fullwidth {@code ｓｃａｍ}, circled, mathematical and upper-case
 * letters become plain lower-case ones;</li>
 * <li>the confusables skeleton of UTS #39 (Cyrillic {@code ѕ с а} become Latin {@code s c a}; it also
 * maps {@code m} to {@code rn} and {@code 0} to {@code O}), then NFKC with case folding again, since
 * a skeleton may hold capital letters.</li>
 * </ol>
 * Every step maps character by character, so a folded term found inside a folded text is the term found
 * inside the text. A folded string is only for comparing, never for storing or showing.
 *
 * <p>{@link #withoutFormatCharacters} is what stored text and display names keep: the same text without
 * its format characters, except those emoji and some scripts need to be spelled right.
 */
public final class TextFold {

	private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
	/** Immutable once built, so one instance serves every thread. */
	private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();
	private static final int ZWNJ = 0x200C;
	private static final int ZWJ = 0x200D;
	private static final int VIRAMA = 9;
	/** The base of every emoji tag sequence (RGI subdivision flags). */
	private static final int BLACK_FLAG = 0x1F3F4;

	private TextFold() {
	}

	/** The form two look-alike texts share; see the class comment. */
	public static String fold(String text) {
		StringBuilder visible = new StringBuilder(text.length());
		text.codePoints().filter(cp -> !isInvisible(cp)).forEach(visible::appendCodePoint);
		String folded = NFKC_CASEFOLD.normalize(visible);
		return NFKC_CASEFOLD.normalize(CONFUSABLES.getSkeleton(folded));
	}

	private static boolean isInvisible(int cp) {
		return Character.getType(cp) == Character.FORMAT
				|| UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
	}

	/**
	 * The text without format characters (Cf), which are invisible or reorder what is shown, and blank fillers
 * (Hangul fillers, the combining grapheme joiner), keeping only:
	 * a zero-width joiner between two emoji (a family or a profession stays one emoji); the tag characters
	 * of an emoji tag sequence (the flags of England, Scotland and Wales); and a zero-width joiner or
	 * non-joiner where IDNA allows one (RFC 5892 Appendix A.1, A.2: after a virama, or a non-joiner between
	 * joining Arabic letters), which Indic and Persian words need. Variation selectors are not format
	 * characters and stay.
	 */
	public static String withoutFormatCharacters(String text) {
		if (text.codePoints().noneMatch(TextFold::isFormatOrBlank)) {
			return text;
		}
		int[] cps = text.codePoints().toArray();
		StringBuilder kept = new StringBuilder(text.length());
		for (int i = 0; i < cps.length; i++) {
			if (!isFormatOrBlank(cps[i]) || isNeeded(cps, i)) {
				kept.appendCodePoint(cps[i]);
			}
		}
		return kept.toString();
	}

	/**
	 * A format character, or one of the blank fillers that are letters or marks by category but show nothing
	 * (Hangul fillers, the combining grapheme joiner): a name made of them would look empty. Unlike
	 * {@link #isInvisible}, not the variation selectors, which stored text keeps.
	 */
	private static boolean isFormatOrBlank(int cp) {
		return Character.getType(cp) == Character.FORMAT || cp == 0x115F || cp == 0x1160 || cp == 0x3164
				|| cp == 0xFFA0 || cp == 0x034F;
	}

	private static boolean isNeeded(int[] cps, int i) {
		int cp = cps[i];
		if (cp >= 0xE0020 && cp <= 0xE007F) {
			int j = i - 1;
			while (j >= 0 && cps[j] >= 0xE0020 && cps[j] <= 0xE007E) {
				j--;
			}
			return j >= 0 && cps[j] == BLACK_FLAG;
		}
		if (cp != ZWJ && cp != ZWNJ) {
			return false;
		}
		if (i > 0 && UCharacter.getCombiningClass(cps[i - 1]) == VIRAMA) {
			return true;
		}
		if (cp == ZWJ) {
			return emojiEndsBefore(cps, i) && i + 1 < cps.length && isEmoji(cps[i + 1]);
		}
		return joinsBefore(cps, i) && joinsAfter(cps, i);
	}

	/** Whether an emoji, perhaps with a skin tone or emoji presentation selector after it, ends just before {@code i}. */
	private static boolean emojiEndsBefore(int[] cps, int i) {
		int j = i - 1;
		while (j >= 0 && (cps[j] == 0xFE0F || UCharacter.hasBinaryProperty(cps[j], UProperty.EMOJI_MODIFIER))) {
			j--;
		}
		return j >= 0 && isEmoji(cps[j]);
	}

	private static boolean isEmoji(int cp) {
		return UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC);
	}

	private static boolean joinsBefore(int[] cps, int i) {
		for (int j = i - 1; j >= 0; j--) {
			int type = joiningType(cps[j]);
			if (type != UCharacter.JoiningType.TRANSPARENT) {
				return type == UCharacter.JoiningType.LEFT_JOINING || type == UCharacter.JoiningType.DUAL_JOINING;
			}
		}
		return false;
	}

	private static boolean joinsAfter(int[] cps, int i) {
		for (int j = i + 1; j < cps.length; j++) {
			int type = joiningType(cps[j]);
			if (type != UCharacter.JoiningType.TRANSPARENT) {
				return type == UCharacter.JoiningType.RIGHT_JOINING || type == UCharacter.JoiningType.DUAL_JOINING;
			}
		}
		return false;
	}

	private static int joiningType(int cp) {
		return UCharacter.getIntPropertyValue(cp, UProperty.JOINING_TYPE);
	}
}
