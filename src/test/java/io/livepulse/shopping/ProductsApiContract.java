package io.livepulse.shopping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.Unique;
import tools.jackson.databind.JsonNode;

/** Products, the shop-domain allow-list, showcases and pins through the HTTP API; run on H2 and PostgreSQL. */
abstract class ProductsApiContract {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;
	Shop shop;
	String seller;
	String otherSeller;
	String admin;
	long vendor;

	@BeforeEach
	void signIn() {
		api = new ApiClient(port);
		shop = new Shop(api);
		vendor = Unique.vendorId();
		seller = api.token(Unique.user("seller"), "SELLER", vendor);
		otherSeller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		admin = api.token("admin", "ADMIN", null);
		api.put("/api/admin/shop-domains", admin, "{\"domains\":[]}");
	}

	/** The allow-list is the whole service's: left empty (every domain allowed) for the other tests. */
	@AfterEach
	void emptyTheShopDomains() {
		api.put("/api/admin/shop-domains", admin, "{\"domains\":[]}");
	}

	long products() {
		return jdbc.sql("select count(*) from shop_products where vendor_id = :vendor").param("vendor", vendor).query(Long.class).single();
	}

	@Test
	void aSellerCreatesListsEditsAndArchivesOnlyTheirOwnProducts() {
		// sellers of their own, so other tests' products are not in their lists
		long vendor = Unique.vendorId();
		String seller = api.token("seller-own", "SELLER", vendor);
		String otherSeller = api.token("seller-other", "SELLER", Unique.vendorId());
		Response created = api.post("/api/products", seller,
				Shop.product("Trail runner", 12999, "EUR", "https://shop.example.com/tr.jpg", "https://shop.example.com/p/tr"));
		long id = created.json().get("id").asLong();
		long others = shop.create(otherSeller, "Desk lamp", "https://lumen.example.com/lamp");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/products/" + id);
		assertThat(created.json().get("priceMinor").asLong()).isEqualTo(12999);
		assertThat(created.json().get("vendorId").asLong()).isEqualTo(vendor);
		assertThat(api.get("/api/products", seller).json().findValuesAsString("title")).containsExactly("Trail runner");

		Response edited = api.put("/api/products/" + id, seller,
				Shop.product("Trail runner 2", 11999, "EUR", "https://shop.example.com/tr.jpg", "https://shop.example.com/p/tr2"));
		assertThat(edited.status()).isEqualTo(200);
		assertThat(edited.json().get("title").asString()).isEqualTo("Trail runner 2");

		Response foreignEdit = api.put("/api/products/" + others, seller, Shop.product("Mine now", "https://x.example.com/"));
		Response foreignArchive = api.exchange("DELETE", "/api/products/" + others, seller, null, null, java.util.Map.of());
		assertThat(foreignEdit.status()).isEqualTo(404);
		assertThat(foreignEdit.isProblem()).isTrue();
		assertThat(foreignArchive.status()).isEqualTo(404);
		assertThat(api.get("/api/products", otherSeller).json().findValuesAsString("title")).containsExactly("Desk lamp");

		Response archived = api.exchange("DELETE", "/api/products/" + id, seller, null, null, java.util.Map.of());
		assertThat(archived.status()).isEqualTo(200);
		assertThat(archived.json().get("archived").asBoolean()).isTrue();
		assertThat(api.get("/api/products", seller).json()).isEmpty();
		assertThat(api.get("/api/products?archived=true", seller).json().findValuesAsString("title"))
			.containsExactly("Trail runner 2");
		assertThat(api.put("/api/products/" + id, seller, Shop.product("Back", "https://shop.example.com/b")).status())
			.isEqualTo(409);
	}

	@Test
	void onlySellersHaveProducts() {
		String viewer = api.token("viewer-1", "VIEWER", null);

		assertThat(api.get("/api/products", null).status()).isEqualTo(401);
		assertThat(api.get("/api/products", viewer).status()).isEqualTo(403);
		assertThat(api.post("/api/products", admin, Shop.product("Admin's", "https://a.example.com/")).status()).isEqualTo(403);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"plain http link                 | {\"title\":\"T\",\"priceMinor\":100,\"currency\":\"EUR\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"http://shop.example.com/p\"} | productUrl",
		"javascript: link                | {\"title\":\"T\",\"priceMinor\":100,\"currency\":\"EUR\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"javascript:alert(1)\"} | productUrl",
		"credentials in the link         | {\"title\":\"T\",\"priceMinor\":100,\"currency\":\"EUR\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"https://evil.example@shop.example.com/\"} | productUrl",
		"relative image                  | {\"title\":\"T\",\"priceMinor\":100,\"currency\":\"EUR\",\"imageUrl\":\"/a.jpg\",\"productUrl\":\"https://shop.example.com/p\"} | imageUrl",
		"zero price                      | {\"title\":\"T\",\"priceMinor\":0,\"currency\":\"EUR\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"https://shop.example.com/p\"} | priceMinor",
		"negative price                  | {\"title\":\"T\",\"priceMinor\":-1,\"currency\":\"EUR\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"https://shop.example.com/p\"} | priceMinor",
		"over 1,000,000.00 EUR           | {\"title\":\"T\",\"priceMinor\":100000001,\"currency\":\"EUR\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"https://shop.example.com/p\"} | priceMinor",
		"over 1,000,000 JPY              | {\"title\":\"T\",\"priceMinor\":1000001,\"currency\":\"JPY\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"https://shop.example.com/p\"} | priceMinor",
		"unknown currency                | {\"title\":\"T\",\"priceMinor\":100,\"currency\":\"XYZ\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"https://shop.example.com/p\"} | currency",
		"lower-case currency             | {\"title\":\"T\",\"priceMinor\":100,\"currency\":\"eur\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"https://shop.example.com/p\"} | currency",
		"blank title                     | {\"title\":\"  \",\"priceMinor\":100,\"currency\":\"EUR\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"https://shop.example.com/p\"} | title",
		"missing price                   | {\"title\":\"T\",\"currency\":\"EUR\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"https://shop.example.com/p\"} | priceMinor",
		"text for the price              | {\"title\":\"T\",\"priceMinor\":\"100\",\"currency\":\"EUR\",\"imageUrl\":\"https://i.example.com/a.jpg\",\"productUrl\":\"https://shop.example.com/p\"} | priceMinor" })
	void anInvalidProductIsAFieldErrorAndNothingIsStored(String about, String body, String field) {
		long before = products();

		Response refused = api.post("/api/products", seller, body);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().get("errors").findValuesAsString("field")).contains(field);
		assertThat(products()).isEqualTo(before);
	}

	@Test
	void aTitleOver120CharactersIsRefusedAnd120AreKept() {
		long before = products();
		Response tooLong = api.post("/api/products", seller, Shop.product("x".repeat(121), "https://shop.example.com/p"));
		Response longest = api.post("/api/products", seller, Shop.product("y".repeat(120), "https://shop.example.com/p"));
		Response jpyAtMost = api.post("/api/products", seller,
				Shop.product("Yen", 1_000_000, "JPY", "https://i.example.com/a.jpg", "https://shop.example.com/p"));

		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("errors").findValuesAsString("field")).containsExactly("title");
		assertThat(longest.status()).isEqualTo(201);
		assertThat(jpyAtMost.status()).isEqualTo(201);
		assertThat(products()).isEqualTo(before + 2);
	}

	@Test
	void everyInvalidFieldIsNamedAtOnce() {
		Response refused = api.post("/api/products", seller,
				"{\"title\":\"\",\"priceMinor\":0,\"currency\":\"ABC\",\"imageUrl\":\"ftp://x\",\"productUrl\":\"data:text/html,hi\"}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").findValuesAsString("field"))
			.containsExactlyInAnyOrder("title", "priceMinor", "currency", "imageUrl", "productUrl");
	}

	@Test
	void linksMustBeOnADomainTheAdminAllows() {
		Response set = api.put("/api/admin/shop-domains", admin, "{\"domains\":[\"Shop.Example.com\"]}");
		assertThat(set.json().get("domains").toString()).isEqualTo("[\"shop.example.com\"]");

		Response allowed = api.post("/api/products", seller,
				Shop.product("On shop", 100, "EUR", "https://cdn.shop.example.com/a.jpg", "https://shop.example.com/p"));
		Response elsewhere = api.post("/api/products", seller,
				Shop.product("Elsewhere", 100, "EUR", "https://cdn.shop.example.com/a.jpg", "https://evil.example.net/p"));
		Response lookalike = api.post("/api/products", seller,
				Shop.product("Lookalike", 100, "EUR", "https://cdn.shop.example.com/a.jpg", "https://badshop.example.com/p"));
		Response badEntry = api.put("/api/admin/shop-domains", admin, "{\"domains\":[\"https://x.example.com/\"]}");

		assertThat(allowed.status()).isEqualTo(201);
		assertThat(elsewhere.status()).isEqualTo(400);
		assertThat(elsewhere.json().get("errors").findValuesAsString("field")).containsExactly("productUrl");
		assertThat(lookalike.status()).isEqualTo(400);
		assertThat(badEntry.status()).isEqualTo(400);
		assertThat(api.get("/api/admin/shop-domains", admin).json().get("domains").toString()).isEqualTo("[\"shop.example.com\"]");
		assertThat(api.get("/api/admin/settings/audit", admin).body()).contains("shop.example.com");
	}

	@Test
	void theShowcaseKeepsTheSellersOrderAndOnlyTheirOwnLiveProducts() {
		long stream = api.liveStream(seller, "Showcase");
		long a = shop.create(seller, "A", "https://shop.example.com/a");
		long b = shop.create(seller, "B", "https://shop.example.com/b");
		long foreign = shop.create(otherSeller, "Foreign", "https://lumen.example.com/f");

		assertThat(shop.showcase(seller, stream, b, a).status()).isEqualTo(200);
		JsonNode publicView = api.get("/api/streams/" + stream + "/showcase", null).json();
		assertThat(publicView.get("products").findValuesAsString("title")).containsExactly("B", "A");
		assertThat(publicView.get("products").get(0).get("buyUrl").asString()).isEqualTo("/go/" + stream + "/" + b);
		assertThat(publicView.toString()).doesNotContain("shop.example.com/b\"");

		Response withForeign = shop.showcase(seller, stream, a, foreign);
		Response twice = shop.showcase(seller, stream, a, a);
		Response byOtherSeller = shop.showcase(otherSeller, stream, foreign);
		List<Long> fiftyOne = new ArrayList<>(LongStream.rangeClosed(1, 51).boxed().toList());
		Response tooMany = api.put("/api/streams/" + stream + "/showcase", seller, "{\"productIds\":" + fiftyOne + "}");
		assertThat(withForeign.status()).isEqualTo(404);
		assertThat(withForeign.isProblem()).isTrue();
		assertThat(twice.status()).isEqualTo(400);
		assertThat(byOtherSeller.status()).isEqualTo(403);
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(api.get("/api/streams/" + stream + "/showcase", null).json().get("products").findValuesAsString("title"))
			.containsExactly("B", "A");

		api.exchange("DELETE", "/api/products/" + b, seller, null, null, java.util.Map.of());
		assertThat(api.get("/api/streams/" + stream + "/showcase", null).json().get("products").findValuesAsString("title"))
			.containsExactly("A");
		assertThat(shop.showcase(seller, stream, a, b).status()).isEqualTo(422);
	}

	@Test
	void oneProductIsPinnedAtATimeOnlyFromTheShowcaseAndNeverOnAnEndedStream() {
		long stream = api.liveStream(seller, "Pins");
		long a = shop.create(seller, "A", "https://shop.example.com/a");
		long b = shop.create(seller, "B", "https://shop.example.com/b");
		long notShown = shop.create(seller, "Not shown", "https://shop.example.com/n");
		shop.showcase(seller, stream, a, b);

		assertThat(shop.pin(seller, stream, a).json().get("pinned").get("productId").asLong()).isEqualTo(a);
		assertThat(shop.pin(seller, stream, b).json().get("pinned").get("productId").asLong()).isEqualTo(b);
		assertThat(api.get("/api/streams/" + stream + "/showcase", null).json().get("pinned").get("title").asString())
			.isEqualTo("B");
		assertThat(shop.pin(seller, stream, notShown).status()).isEqualTo(422);
		assertThat(shop.pin(otherSeller, stream, a).status()).isEqualTo(403);
		assertThat(api.post("/api/streams/" + stream + "/pin", seller, "{}").status()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from shop_pins where stream_id = :s and unpinned_at is null")
			.param("s", stream).query(Long.class).single()).isEqualTo(1);

		// taking the pinned product out of the showcase takes the pin down
		shop.showcase(seller, stream, a);
		assertThat(api.get("/api/streams/" + stream + "/showcase", null).json().has("pinned")).isFalse();

		shop.pin(seller, stream, a);
		assertThat(api.exchange("DELETE", "/api/streams/" + stream + "/pin", seller, null, null, java.util.Map.of())
			.json().has("pinned")).isFalse();

		// archiving the pinned product takes the pin down everywhere
		shop.pin(seller, stream, a);
		api.exchange("DELETE", "/api/products/" + a, seller, null, null, java.util.Map.of());
		assertThat(api.get("/api/streams/" + stream + "/showcase", null).json().has("pinned")).isFalse();
		assertThat(shop.pin(seller, stream, a).status()).isEqualTo(422);

		api.post("/api/streams/" + stream + "/end", seller, null);
		Response onEnded = shop.pin(seller, stream, a);
		assertThat(onEnded.status()).isEqualTo(409);
		assertThat(onEnded.isProblem()).isTrue();
		assertThat(shop.showcase(seller, stream, a, b).status()).isEqualTo(409);
	}
}
