package io.livepulse.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** What an endpoint can subscribe to, by the names shops see in {@code type}. */
enum WebhookEventType {

	STREAM_LIVE("stream.live"), STREAM_ENDED("stream.ended"), STREAM_REPLAY_READY("stream.replay_ready"),
	PRODUCT_PINNED("product.pinned"), PRODUCT_CLICKED("product.clicked"), ORDER_ATTRIBUTED("order.attributed"),
	CHAT_MESSAGE_HELD("chat.message_held"),
	FLASH_SALE_ENDED("flash_sale.ended"), AUCTION_SOLD("auction.sold"), GIVEAWAY_DRAWN("giveaway.drawn"),
	WEBHOOK_TEST("webhook.test");

	private final String wireName;

	WebhookEventType(String wireName) {
		this.wireName = wireName;
	}

	String wireName() {
		return wireName;
	}

	static Optional<WebhookEventType> named(String name) {
		return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
	}
}
