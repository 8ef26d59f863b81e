package io.livepulse.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The server's rule for which parts of a chat message are links; the pages only draw what it marks. */
class ChatLinksTests {

	private static final List<String> ALLOWED = List.of("shop.example.com");

	private static List<String> linked(String text) {
		return ChatLinks.in(text, ALLOWED).stream().map(link -> text.substring(link.start(), link.end())).toList();
	}

	@Test
	void aUrlOnAnAllowedHostOrItsSubdomainIsMarkedWithoutTheSentencesPunctuation() {
		assertThat(linked("See https://shop.example.com/p/42, and (http://eu.shop.example.com:8443/x?y=1#z).")).containsExactly(
				"https://shop.example.com/p/42", "http://eu.shop.example.com:8443/x?y=1#z");
		assertThat(linked("HTTPS://Shop.Example.COM")).containsExactly("HTTPS://Shop.Example.COM");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "https://evil.example.net/a", "https://shop.example.com.evil.net/a",
			"https://notshop.example.com/a", "https://\u0455hop.example.com/a", "https://\uFF53\uFF48\uFF4F\uFF50.example.com/b",
			"https://%73hop.example.com/c", "https://user@shop.example.com/d", "https://shop.example.com@evil.net/e",
			"https://shop.example.com\\@evil.net/f", "javascript://shop.example.com/%0aalert(1)", "ftp://shop.example.com/g",
			"https://xn--shop-9ua.example.com/h" })
	void aUrlWhoseHostIsNotAnAllowedOneAsWrittenStaysText(String url) {
		assertThat(linked("look " + url + " here")).isEmpty();
	}

	@Test
	void offsetsCountUtf16UnitsAsThePagesDo() {
		String text = "\uD83D\uDC5F new drop: https://shop.example.com/sneakers";
		List<ChatMessage.Link> links = ChatLinks.in(text, ALLOWED);
		assertThat(links).containsExactly(new ChatMessage.Link(13, text.length()));
	}

	@Test
	void anEmptyAllowListMarksNothing() {
		assertThat(ChatLinks.in("https://shop.example.com/p", List.of())).isEmpty();
	}
}
