package io.livepulse.push;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.livepulse.media.VideoStateChanged;
import io.livepulse.sales.AuctionView;
import io.livepulse.sales.FlashSaleView;
import io.livepulse.sales.GiveawayView;
import io.livepulse.shopping.ProductCard;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes Server-Sent Events as the final bytes on the wire. The id is the wall-clock millisecond
 * the payload was built, so clients (and the benchmark) can measure delivery delay.
 */
@Component
class EngagementEvents {

	private final JsonMapper json;

	EngagementEvents(JsonMapper json) {
		this.json = json;
	}

	byte[] engagement(EngagementView view) {
		return encode("engagement", view);
	}

	byte[] ended(EngagementView view) {
		return encode("ended", view);
	}

	byte[] video(VideoStateChanged changed) {
		return encode("video", changed);
	}

	/**
	 * The stream's pinned product card as it is ({@code pinned} null when nothing is pinned): sent to a new
	 * subscriber and repeated now and then, so it carries no time of change.
	 */
	byte[] product(long streamId, @Nullable ProductCard pinned) {
		return encode("product", new ProductView(streamId, pinned, null));
	}

	/**
	 * A pin or unpin as it happens, with {@code changedAt}, the server's wall clock (epoch ms): the viewer page
	 * shows it when its video reaches that moment (ADR 0018).
	 */
	byte[] productChanged(long streamId, @Nullable ProductCard pinned) {
		return encode("product", new ProductView(streamId, pinned, System.currentTimeMillis()));
	}

	/** A stream's chat since the last chat event: new messages (newest last), deletions, new settings. */
	byte[] chat(ChatPush.ChatEventView view) {
		return encode("chat", view);
	}

	/** The stream's pinned chat message ({@code pinned} absent when none is pinned). */
	byte[] chatPin(ChatPush.ChatPinView view) {
		return encode("chat-pin", view);
	}

	/**
	 * A flash sale's state (countdown, units left, sold out, over), with {@code changedAt} like a pin: the viewer
	 * page shows a new sale at the video's moment, and its units as they come.
	 */
	byte[] sale(FlashSaleView sale) {
		return encode("sale", new SaleView(sale, System.currentTimeMillis()));
	}

	record SaleView(FlashSaleView sale, long changedAt) {
	}

	/** An auction's new standing (a bid, the decision), with {@code changedAt} like a pin. */
	byte[] auction(AuctionView auction) {
		return encode("auction", new AuctionEventView(auction, System.currentTimeMillis()));
	}

	record AuctionEventView(AuctionView auction, long changedAt) {
	}

	/** A giveaway opened or drawn, with {@code changedAt} like a pin (shown at the video's moment). */
	byte[] giveaway(GiveawayView giveaway) {
		return encode("giveaway", new GiveawayEventView(giveaway, System.currentTimeMillis()));
	}

	record GiveawayEventView(GiveawayView giveaway, long changedAt) {
	}

	record ProductView(long streamId, @Nullable ProductCard pinned, @Nullable Long changedAt) {
	}

	private byte[] encode(String name, Object view) {
		return ("id:" + System.currentTimeMillis() + "\nevent:" + name + "\ndata:" + json.writeValueAsString(view)
				+ "\n\n").getBytes(StandardCharsets.UTF_8);
	}
}
