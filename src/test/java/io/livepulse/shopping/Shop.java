package io.livepulse.shopping;

import java.util.Map;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.Unique;

/** Test helpers for the shopping API: products, showcases, pins and counted viewers. */
final class Shop {

	private final ApiClient api;
	/** Order ids are the shop's, stored once over all streams: each test's orders carry their own suffix. */
	private final String orderSuffix = Unique.user("");

	Shop(ApiClient api) {
		this.api = api;
	}

	static String product(String title, long priceMinor, String currency, String imageUrl, String productUrl) {
		return """
				{"title":"%s","priceMinor":%d,"currency":"%s","imageUrl":"%s","productUrl":"%s"}
				""".formatted(title, priceMinor, currency, imageUrl, productUrl);
	}

	static String product(String title, String productUrl) {
		return product(title, 4999, "EUR", "https://shop.example.com/img/" + Math.abs(title.hashCode()) + ".jpg",
				productUrl);
	}

	/** Creates a product as the seller; its id. */
	long create(String sellerToken, String title, String productUrl) {
		Response created = api.post("/api/products", sellerToken, product(title, productUrl));
		if (created.status() != 201) {
			throw new IllegalStateException("creating a product failed: " + created);
		}
		return created.json().get("id").asLong();
	}

	Response showcase(String sellerToken, long streamId, long... productIds) {
		StringBuilder ids = new StringBuilder();
		for (long id : productIds) {
			ids.append(ids.isEmpty() ? "" : ",").append(id);
		}
		return api.put("/api/streams/" + streamId + "/showcase", sellerToken, "{\"productIds\":[" + ids + "]}");
	}

	Response pin(String sellerToken, long streamId, long productId) {
		return api.post("/api/streams/" + streamId + "/pin", sellerToken, "{\"productId\":" + productId + "}");
	}

	/** A device the stream counts now: issued by a first heartbeat, counted from its second. The Cookie header. */
	Map<String, String> countedViewer(long streamId) {
		Map<String, String> cookie = Map.of("Cookie", api.viewerCookie(streamId));
		Response counted = api.post("/api/streams/" + streamId + "/heartbeat", null, null, cookie);
		if (counted.status() != 200) {
			throw new IllegalStateException("the viewer was not counted: " + counted);
		}
		return cookie;
	}

	Response go(long streamId, long productId, Map<String, String> headers) {
		return api.get("/go/" + streamId + "/" + productId, null, headers);
	}

	Response purchase(String shopToken, long streamId, String orderId, long amountMinor, Long productId,
			Integer quantity) {
		String body = "{\"orderId\":\"%s\",\"amountMinor\":%d,\"currency\":\"EUR\",\"buyerId\":\"buyer-%s\"%s%s}"
			.formatted(orderId + orderSuffix, amountMinor, orderId, productId == null ? "" : ",\"productId\":" + productId,
					quantity == null ? "" : ",\"quantity\":" + quantity);
		return api.post("/api/streams/" + streamId + "/purchases", shopToken, body);
	}
}
