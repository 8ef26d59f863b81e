package io.livepulse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule both host allow-lists (shop domains, chat link hosts) keep. */
class HostNamesTests {

	@Test
	void anEntryIsStoredLowerCaseTrimmedAndAnInternationalOneInPunycode() {
		assertThat(HostNames.entry(" Shop.Example.COM ")).isEqualTo("shop.example.com");
		assertThat(HostNames.entry("bücher.example")).isEqualTo("xn--bcher-kva.example");
		assertThat(HostNames.entry("shop.xn--p1ai")).isEqualTo("shop.xn--p1ai");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "https://shop.example.com", "shop.example.com/path", "shop.example.com:8080", "*.example.com",
			"localhost", "127.0.0.1", "exa mple.com", "-bad.example.com", "shop..example.com", "shop.example.123", "" })
	void anythingButAHostNameWithADotIsRefused(String entry) {
		assertThat(HostNames.entry(entry)).isNull();
	}

	@Test
	void aHostOver64CharactersIsRefused() {
		assertThat(HostNames.entry("a".repeat(53) + ".example.com")).isNull();
		assertThat(HostNames.entry("a".repeat(52) + ".example.com")).hasSize(64);
	}

	@Test
	void anEntryAllowsItselfAndItsSubdomainsOnly() {
		List<String> entries = List.of("shop.example.com");
		assertThat(HostNames.allows(entries, "shop.example.com")).isTrue();
		assertThat(HostNames.allows(entries, "EU.Shop.example.com")).isTrue();
		assertThat(HostNames.allows(entries, "notshop.example.com")).isFalse();
		assertThat(HostNames.allows(entries, "shop.example.com.evil.net")).isFalse();
		assertThat(HostNames.allows(List.of(), "shop.example.com")).isFalse();
	}
}
