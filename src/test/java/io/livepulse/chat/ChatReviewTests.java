package io.livepulse.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Blocked-term matching: invisible characters, case, fullwidth and look-alike letters do not hide a term. */
class ChatReviewTests {

	private static final List<String> SCAM = List.of("scam");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"as typed                   | this is a scam, friends",
		"zero-width space           | this is a s\u200Bcam, friends",
		"soft hyphen                | this is a sc\u00ADam, friends",
		"word joiner                | this is a sca\u2060m, friends",
		"zero-width joiner          | this is a s\u200Dcam, friends",
		"left-to-right mark         | this is a sc\u200Eam, friends",
		"right-to-left mark         | this is a sca\u200Fm, friends",
		"Cyrillic dze for s         | this is a \u0455cam, friends",
		"Cyrillic es for c          | this is a s\u0441am, friends",
		"Cyrillic a for a           | this is a sc\u0430m, friends",
		"fullwidth letters          | this is a \uFF53\uFF43\uFF41\uFF4D, friends",
		"fullwidth capitals         | this is a \uFF33\uFF23\uFF21\uFF2D, friends",
		"mixed case                 | this is a ScAm, friends",
		"circled letters            | this is a \u24E2\u24D2\u24D0\u24DC, friends",
		"r and n for m              | this is a scarn, friends",
		"inside a longer word       | total scammers",
		"Cyrillic and invisible mix | \u0455\u200B\u0441\u00AD\u0430m" })
	void aBlockedTermIsFoundHoweverItIsDisguised(String about, String text) {
		assertThat(ChatReview.holdsAny(text, SCAM)).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "scan the code", "a seam ripped", "sca m", "s-c-a-m", "cams on", "pond scum", "a scarf", "skam",
			"\u0441\u0430\u043C" })
	void aDifferentWordIsNotABlockedTerm(String text) {
		assertThat(ChatReview.holdsAny(text, SCAM)).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "SCAM", "\uFF53\uFF43\uFF41\uFF4D", "s\u200Bcam", "\u0455\u0441\u0430m" })
	void aTermTypedInAnyOfItsFormsFindsThePlainWord(String term) {
		assertThat(ChatReview.holdsAny("just a scam", List.of(term))).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "hello there", "" })
	void noTermsOrATermOfOnlyInvisibleCharactersHoldsNothing(String text) {
		assertThat(ChatReview.holdsAny(text, List.of())).isFalse();
		assertThat(ChatReview.holdsAny(text, List.of("\u200B\u00AD"))).isFalse();
	}
}
