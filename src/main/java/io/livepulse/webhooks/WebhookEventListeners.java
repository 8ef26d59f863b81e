package io.livepulse.webhooks;

import java.util.Optional;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.livepulse.chat.ChatHeld;
import io.livepulse.engagement.ProductPurchase;
import io.livepulse.media.RecordingReady;
import io.livepulse.sales.AuctionDecided;
import io.livepulse.sales.FlashSaleChanged;
import io.livepulse.sales.GiveawayDrawn;
import io.livepulse.shopping.PinChanged;
import io.livepulse.shopping.ProductsClicked;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamMode;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStarted;

/**
 * The modules' past-tense events a shop can hear of, turned into webhook events, synchronously in the publisher's
 * thread (see {@link WebhookOutbox}): inside the change's transaction for purchases, auction decisions and giveaway
 * draws. Each has an event key, so an event published again (a sale's end is told by every node) is one delivery
 * per endpoint. Rehearsals are practice and tell no shop anything.
 */
@Component
class WebhookEventListeners {

	private static final Set<String> SALE_OVER = Set.of("ENDED", "STOPPED");

	private final WebhookOutbox outbox;
	private final StreamService streams;

	WebhookEventListeners(WebhookOutbox outbox, StreamService streams) {
		this.outbox = outbox;
		this.streams = streams;
	}

	@EventListener
	void on(StreamStarted started) {
		if (started.mode() != StreamMode.REHEARSAL) {
			outbox.write(WebhookEventType.STREAM_LIVE, started.vendorId(), "stream.live:" + started.streamId(),
					WebhookOutbox.data("streamId", started.streamId(), "startedAt", started.startedAt()));
		}
	}

	@EventListener
	void on(StreamEnded ended) {
		if (ended.mode() != StreamMode.REHEARSAL) {
			outbox.write(WebhookEventType.STREAM_ENDED, ended.vendorId(), "stream.ended:" + ended.streamId(),
					WebhookOutbox.data("streamId", ended.streamId(), "endedAt", ended.endedAt(), "finalMetrics", ended.finalMetrics()));
		}
	}

	@EventListener
	void on(PinChanged changed) {
		real(changed.streamId()).ifPresent(stream -> outbox.write(
				WebhookEventType.PRODUCT_PINNED, stream.vendorId(), "product.pinned:" + changed.streamId() + ":" + changed.at(),
				WebhookOutbox.data("streamId", changed.streamId(), "product", changed.pinned(), "at", changed.at())));
	}

	@EventListener
	void on(ProductsClicked clicked) {
		real(clicked.streamId()).ifPresent(stream -> outbox.write(WebhookEventType.PRODUCT_CLICKED, stream.vendorId(),
				"product.clicked:" + clicked.streamId() + ":" + clicked.from(), WebhookOutbox.data("streamId", clicked.streamId(),
						"from", clicked.from(), "to", clicked.to(), "clicks", clicked.clicks(), "products", clicked.products())));
	}

	@EventListener
	void on(ProductPurchase purchase) {
		real(purchase.streamId()).ifPresent(stream -> outbox.write(
				WebhookEventType.ORDER_ATTRIBUTED, stream.vendorId(), "order.attributed:" + purchase.streamId() + ":" + purchase.orderId(),
				WebhookOutbox.data("streamId", purchase.streamId(), "orderId", purchase.orderId(), "productId", purchase.productId(),
						"quantity", purchase.quantity(), "amountMinor", purchase.amountMinor(), "currency", purchase.currency(),
						"at", purchase.at())));
	}

	@EventListener
	void on(RecordingReady ready) {
		real(ready.streamId()).ifPresent(stream -> outbox.write(WebhookEventType.STREAM_REPLAY_READY, stream.vendorId(),
				"stream.replay_ready:" + ready.streamId() + ":" + ready.fileName(),
				WebhookOutbox.data("streamId", ready.streamId(), "watchPath", "/live/" + ready.streamId(), "at", ready.at())));
	}

	@EventListener
	void on(ChatHeld held) {
		real(held.message().streamId()).ifPresent(stream -> outbox.write(WebhookEventType.CHAT_MESSAGE_HELD, stream.vendorId(),
				"chat.message_held:" + held.message().id(), WebhookOutbox.data("streamId", held.message().streamId(),
						"messageId", held.message().id(), "userId", held.message().userId(), "text", held.message().text(),
						"at", held.message().at())));
	}

	@EventListener
	void on(AuctionDecided changed) {
		if ("SOLD".equals(changed.auction().status()) && !changed.auction().practice()) {
			real(changed.streamId()).ifPresent(stream -> outbox.write(WebhookEventType.AUCTION_SOLD, stream.vendorId(),
					"auction.sold:" + changed.auction().id(), WebhookOutbox.data("streamId", changed.streamId(),
							"auctionId", changed.auction().id(), "productId", changed.auction().productId(),
							"finalPriceMinor", changed.auction().currentPriceMinor(), "currency", changed.auction().currency(),
							"bids", changed.auction().bids(), "winnerBidderNumber", changed.auction().winner().number())));
		}
	}

	@EventListener
	void on(FlashSaleChanged changed) {
		if (SALE_OVER.contains(changed.sale().status().name()) && !changed.sale().practice()) {
			real(changed.streamId()).ifPresent(stream -> outbox.write(WebhookEventType.FLASH_SALE_ENDED, stream.vendorId(),
					"flash_sale.ended:" + changed.sale().id(), WebhookOutbox.data("streamId", changed.streamId(),
							"saleId", changed.sale().id(), "productId", changed.sale().productId(), "stock", changed.sale().stock(),
							"unitsLeft", changed.sale().unitsLeft(), "status", changed.sale().status().name())));
		}
	}

	@EventListener
	void on(GiveawayDrawn changed) {
		if (!changed.giveaway().practice()) {
			real(changed.streamId()).ifPresent(stream -> outbox.write(WebhookEventType.GIVEAWAY_DRAWN, stream.vendorId(),
					"giveaway.drawn:" + changed.giveaway().id(), WebhookOutbox.data("streamId", changed.streamId(),
							"giveawayId", changed.giveaway().id(), "entries", changed.giveaway().entries(),
							// the draw skips these: a shop recomputing it from this payload alone needs them
							"excludedEntries", changed.giveaway().excludedEntries(),
							"winningEntry", changed.giveaway().winner() == null ? null : changed.giveaway().winner().entryNumber(),
							"seed", changed.giveaway().seed())));
		}
	}

	private Optional<Stream> real(long streamId) {
		return streams.find(streamId).filter(stream -> !stream.isRehearsal());
	}
}
