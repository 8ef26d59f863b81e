package io.livepulse.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Display names (the token's name claim, stored with streams and chat messages) as they are kept. */
class CallerTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"zero-width space           | Ann\u200BShop          | AnnShop",
		"soft hyphen and word joiner| Ann\u00AD\u2060Shop    | AnnShop",
		"direction marks            | \u200EAnn Shop\u200F   | Ann Shop",
		"right-to-left override     | Ann\u202EpohS          | AnnpohS",
		"isolates                   | \u2066Ann\u2069 Shop   | Ann Shop",
		"byte order mark            | \uFEFFAnn Shop         | Ann Shop" })
	void formatCharactersAndDirectionControlsAreDroppedFromADisplayName(String about, String claim, String kept) {
		assertThat(Caller.cleanDisplayName(claim)).isEqualTo(kept);
		assertThat(new Caller("u", java.util.Set.of(Role.VIEWER), null, claim).displayName()).isEqualTo(kept);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Ann's Shop", "Анна 漢字", "Family shop \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\u2764\uFE0F Shop" })
	void theRestOfADisplayNameIsKept(String claim) {
		assertThat(Caller.cleanDisplayName(claim)).isEqualTo(claim);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "\u200B", "\u200E\u200F\u00AD", "\u3164\u3164" })
	void aNameOfOnlyInvisibleCharactersIsNoName(String claim) {
		assertThat(Caller.cleanDisplayName(claim)).isNull();
	}
}
