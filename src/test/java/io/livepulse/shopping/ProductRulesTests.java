package io.livepulse.shopping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class ProductRulesTests {

	private static final ProductRequest ON_SHOP = new ProductRequest("Lamp", 1999L, "EUR", "https://shop.example.com/l.jpg",
			"https://shop.example.com/lamp", null);

	@Test
	void anEmptyAllowListRefusesEveryDomainOutsideTheDevProfile() {
		assertThat(ProductRules.violations(ON_SHOP, new ProductRules.Domains(Set.of(), false)))
			.extracting(error -> error.field()).containsExactly("imageUrl", "productUrl");
		assertThat(ProductRules.violations(ON_SHOP, new ProductRules.Domains(Set.of(), true))).isEmpty();
	}

	@Test
	void anAllowedDomainAllowsItsSubdomainsButNotLookalikes() {
		ProductRules.Domains domains = new ProductRules.Domains(Set.of("example.com"), false);

		assertThat(domains.allows("example.com")).isTrue();
		assertThat(domains.allows("shop.example.com")).isTrue();
		assertThat(domains.allows("badexample.com")).isFalse();
		assertThat(domains.allows("example.com.evil.net")).isFalse();
	}

	@Test
	void onlyAbsoluteHttpsAddressesWithoutCredentialsHaveAHost() {
		assertThat(ProductRules.httpsHost("https://Shop.Example.com/p?q=1")).isEqualTo("shop.example.com");
		assertThat(ProductRules.httpsHost("http://shop.example.com/")).isNull();
		assertThat(ProductRules.httpsHost("javascript:alert(1)")).isNull();
		assertThat(ProductRules.httpsHost("//shop.example.com/p")).isNull();
		assertThat(ProductRules.httpsHost("https://user@shop.example.com/")).isNull();
		assertThat(ProductRules.httpsHost("https://shop.example.com/a b")).isNull();
		assertThat(ProductRules.httpsHost("https://shop.example.com\u202E/")).isNull();
	}

	@Test
	void theRedirectKeepsTheProductsOwnQueryAndFragmentAndReplacesSpoofedAttribution() {
		assertThat(ClickThrough.target("https://shop.example.com/p?utm_source=other&size=42#top", 7, 9))
			.isEqualTo("https://shop.example.com/p?size=42&lp_stream=7&lp_product=9&utm_source=livepulse&utm_medium=live"
					+ "&utm_campaign=7#top");
	}
}
