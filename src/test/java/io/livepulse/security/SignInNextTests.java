package io.livepulse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.livepulse.support.SignInNextCases;

/**
 * The dev sign-in's {@code next} is only ever a path on this site: {@code /signin?next=//134744072/phish}
 * once sent the browser to 8.8.8.8. The page script checks again ({@code SignInRedirectBrowserTests}).
 */
class SignInNextTests {

	@Test
	void nextIsALocalPathOrElseTheHomePage() {
		List<String> wrong = new ArrayList<>();
		SignInNextCases.cases().forEach((next, landing) -> {
			String got = SignInPageController.landing(next);
			if (!got.equals(landing)) {
				wrong.add(shown(next) + " -> '" + got + "', expected '" + landing + "'");
			}
		});
		assertThat(wrong).isEmpty();
		assertThat(SignInPageController.landing(null)).isEmpty();
	}

	/** The value with anything outside printable ASCII written as a Java escape, so a report shows tabs and the like. */
	static String shown(String value) {
		StringBuilder shown = new StringBuilder("'");
		value.chars().forEach(c -> shown.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : "\\u%04X".formatted(c)));
		return shown.append("'").toString();
	}
}
