package io.livepulse.shopping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.livepulse.shared.HostNames;

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

	@Test
	void aNonAsciiLinkIsStoredAsAsciiWithItsHostInPunycodeAndItsPathAndQueryPercentEncoded() {
		ProductRequest request = new ProductRequest("Schuhe", 1999L, "EUR", "https://Bücher.example/bild.jpg",
				"https://shop.example.com/p/schühe größe?farbe=grün&x=1#oben drauf", null);

		ProductRequest stored = ProductRules.normalised(request);

		assertThat(stored.productUrl())
			.isEqualTo("https://shop.example.com/p/sch%C3%BChe%20gr%C3%B6%C3%9Fe?farbe=gr%C3%BCn&x=1#oben%20drauf");
		assertThat(stored.imageUrl()).isEqualTo("https://xn--bcher-kva.example/bild.jpg");
		assertThat(ProductRules.violations(stored, new ProductRules.Domains(Set.of(), true))).isEmpty();
		assertThat(ProductRules.violations(stored, new ProductRules.Domains(Set.of(HostNames.entry("bücher.example"),
				"example.com"), false))).isEmpty();
		assertThat(ClickThrough.target(stored.productUrl(), 7, 9))
			.startsWith("https://shop.example.com/p/sch%C3%BChe%20gr%C3%B6%C3%9Fe?farbe=gr%C3%BCn&x=1&lp_stream=7");
	}

	@Test
	void normalisingKeepsEscapesAndChangesNothingTheSecondTime() {
		String once = ShopUrls.ascii("https://shop.example.com/a%20b/100%/[x]|ü?q=%C3%BC%zz");

		assertThat(once).isEqualTo("https://shop.example.com/a%20b/100%25/%5Bx%5D%7C%C3%BC?q=%C3%BC%25zz");
		assertThat(ShopUrls.ascii(once)).isEqualTo(once);
		assertThat(ShopUrls.ascii("https://shop.example.com/lamp")).isEqualTo("https://shop.example.com/lamp");
	}

	@Test
	void normalisingStillRefusesWhatIsNotAnHttpsAddressWithAHost() {
		assertThat(ShopUrls.ascii("http://shop.example.com/ü")).isNull();
		assertThat(ShopUrls.ascii("javascript:alert('ü')")).isNull();
		assertThat(ShopUrls.ascii("https://user@bücher.example/")).isNull();
		assertThat(ShopUrls.ascii("https://user:pw@shop.example.com/")).isNull();
		assertThat(ShopUrls.ascii("https:///p")).isNull();
		assertThat(ShopUrls.ascii("https://shop.example.com/a\nb")).isNull();
		assertThat(ShopUrls.ascii("https://shop.example.com/\u202Eb")).isNull();
		assertThat(ShopUrls.ascii("https://bad_host.example/")).isNull();
		ProductRequest request = new ProductRequest("Lamp", 1999L, "EUR", "https://shop.example.com/l.jpg",
				"https://shop.example.com/a\tb", null);
		assertThat(ProductRules.violations(ProductRules.normalised(request), new ProductRules.Domains(Set.of(), true)))
			.extracting(error -> error.field()).containsExactly("productUrl");
	}
}
