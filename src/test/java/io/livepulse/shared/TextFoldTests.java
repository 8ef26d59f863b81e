package io.livepulse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Folding text to the form look-alikes share, and dropping format characters from stored text. */
class TextFoldTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"zero-width space        | s\u200Bcam",
		"soft hyphen             | sc\u00ADam",
		"word joiner             | sca\u2060m",
		"zero-width joiner       | s\u200Dcam",
		"left-to-right mark      | sc\u200Eam",
		"byte order mark         | \uFEFFscam",
		"Cyrillic dze for s      | \u0455cam",
		"Cyrillic es for c       | s\u0441am",
		"Cyrillic a for a        | sc\u0430m",
		"all three Cyrillic      | \u0455\u0441\u0430m",
		"fullwidth               | \uFF53\uFF43\uFF41\uFF4D",
		"upper case              | SCAM",
		"mixed case              | ScAm",
		"circled letters         | \u24E2\u24D2\u24D0\u24DC",
		"mathematical bold       | \uD835\uDC2C\uD835\uDC1C\uD835\uDC1A\uD835\uDC26",
		"r and n for m           | scarn",
		"Cyrillic and invisible  | \u0455\u200B\u0441\u00AD\u0430m" })
	void aLookAlikeOfAWordFoldsToTheWordsOwnForm(String about, String variant) {
		assertThat(TextFold.fold(variant)).isEqualTo(TextFold.fold("scam"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "scan", "seam", "sca m", "s-c-a-m", "cams", "scum", "scarf", "skam" })
	void aDifferentWordDoesNotFoldToTheWordsForm(String other) {
		assertThat(TextFold.fold(other)).doesNotContain(TextFold.fold("scam"));
	}

	@Test
	void digitsThatLookLikeLettersFoldAsThoseLetters() {
		assertThat(TextFold.fold("C0UP0N")).isEqualTo(TextFold.fold("coupon"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"zero-width space           | s\u200Bcam       | scam",
		"soft hyphen                | sc\u00ADam       | scam",
		"word joiner                | sca\u2060m       | scam",
		"joiner between letters     | s\u200Dcam       | scam",
		"joiner after a last emoji  | \uD83D\uDE00\u200D | \uD83D\uDE00",
		"direction marks            | a\u200Eb\u200Fc  | abc",
		"bidirectional override     | a\u202Eb\u2066c  | abc",
		"byte order mark            | \uFEFFhello      | hello",
		"tag characters after a letter | a\uDB40\uDC67\uDB40\uDC62b | ab",
		"a second cancel tag        | \uD83C\uDFF4\uDB40\uDC7F\uDB40\uDC7F | \uD83C\uDFF4\uDB40\uDC7F",
		"Hangul fillers             | a\u3164b\u115Fc\uFFA0d | abcd",
		"combining grapheme joiner  | s\u034Fcam       | scam" })
	void formatCharactersAreDropped(String about, String raw, String kept) {
		assertThat(TextFold.withoutFormatCharacters(raw)).isEqualTo(kept);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = {
		"family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
		"coder with a skin tone \uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB",
		"heart on fire \u2764\uFE0F\u200D\uD83D\uDD25",
		"rainbow flag \uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08",
		"flag of England \uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F",
		"emoji and text presentation \u2764\uFE0F \u2764\uFE0E",
		"Persian non-joiner \u0645\u06CC\u200C\u0631\u0648\u0645",
		"Devanagari joiner after a virama \u0915\u094D\u200D\u0937" })
	void emojiSequencesVariationSelectorsAndScriptJoinersAreKept(String text) {
		assertThat(TextFold.withoutFormatCharacters(text)).isEqualTo(text);
	}
}
