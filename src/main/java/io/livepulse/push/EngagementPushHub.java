package io.livepulse.push;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.modulith.events.ApplicationModuleListener;

import io.livepulse.media.VideoStateChanged;
import io.livepulse.sales.FlashSaleChanged;
import io.livepulse.sales.GiveawayChanged;
import io.livepulse.shopping.PinChanged;
import io.livepulse.shopping.ShoppingProperties;
import io.livepulse.shopping.ShowcaseService;
import io.livepulse.stream.StreamEndSeen;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamService;

/**
 * Server-Sent Events per stream. A tick encodes each watched stream's event once, as the final
 * bytes on the wire, and hands the same bytes to every {@link PushAudience}, at most once per
 * {@code minInterval} per stream.
 */
@Component
class EngagementPushHub {

	private final StatsService stats;
	private final StreamService streams;
	private final EngagementEvents events;
	private final PushProperties properties;
	private final List<PushAudience> audiences;
	private final EndedStreams endedStreams;
	private final ShowcaseService showcases;
	private final ShoppingProperties shopping;
	private final Map<Long, Long> lastBroadcastNanos = new ConcurrentHashMap<>();
	/** When each watched stream's pinned product was last sent (on a change, or repeated). */
	private final Map<Long, Long> lastProductNanos = new ConcurrentHashMap<>();

	EngagementPushHub(StatsService stats, StreamService streams, EngagementEvents events, PushProperties properties,
			List<PushAudience> audiences, EndedStreams endedStreams, ShowcaseService showcases,
			ShoppingProperties shopping) {
		this.showcases = showcases;
		this.shopping = shopping;
		this.stats = stats;
		this.streams = streams;
		this.events = events;
		this.properties = properties;
		this.audiences = audiences;
		this.endedStreams = endedStreams;
	}

	@Scheduled(fixedDelay = 100)
	void broadcastDue() {
		long now = System.nanoTime();
		Set<Long> watched = new HashSet<>();
		audiences.forEach(audience -> watched.addAll(audience.watchedStreams()));
		lastBroadcastNanos.keySet().retainAll(watched);
		lastProductNanos.keySet().retainAll(watched);
		for (long streamId : watched) {
			repeatPinDue(streamId, now);
			Long last = lastBroadcastNanos.get(streamId);
			if (last != null && now - last < properties.minInterval().toNanos()) {
				continue;
			}
			streams.find(streamId).ifPresent(stream -> {
				byte[] event = events.engagement(stats.engagement(stream));
				// counted from when the event was built (its id), so a slow tick cannot bring the next one closer
				lastBroadcastNanos.put(streamId, System.nanoTime());
				audiences.forEach(audience -> audience.publish(streamId, event));
			});
		}
	}

	/**
	 * Sends the pinned product again every {@code pinRepeat}, so a subscriber that joined after the pin,
	 * or whose slow socket kept only a later event, still shows the card.
	 */
	private void repeatPinDue(long streamId, long now) {
		Long last = lastProductNanos.get(streamId);
		if (last != null && now - last < shopping.pinRepeat().toNanos()) {
			return;
		}
		lastProductNanos.put(streamId, now);
		showcases.pinned(streamId).ifPresent(card -> {
			byte[] event = events.product(streamId, card);
			audiences.forEach(audience -> audience.publish(streamId, event));
		});
	}

	/** Viewers see a pin or unpin at once, as a {@code product} event. */
	@EventListener
	void on(PinChanged changed) {
		lastProductNanos.put(changed.streamId(), System.nanoTime());
		byte[] event = events.productChanged(changed.streamId(), changed.pinned());
		audiences.forEach(audience -> audience.publish(changed.streamId(), event));
	}

	@EventListener
	void on(FlashSaleChanged changed) {
		byte[] event = events.sale(changed.sale());
		audiences.forEach(audience -> audience.publish(changed.streamId(), event));
	}

	@EventListener
	void on(GiveawayChanged changed) {
		byte[] event = events.giveaway(changed.giveaway());
		audiences.forEach(audience -> audience.publish(changed.streamId(), event));
	}

	/** Viewers are told the video's new state at once; each page then asks for the details it may see. */
	@EventListener
	void on(VideoStateChanged changed) {
		byte[] event = events.video(changed);
		audiences.forEach(audience -> audience.publish(changed.streamId(), event));
	}

	@ApplicationModuleListener
	void on(StreamEnded ended) {
		end(ended.streamId());
	}

	/** Ended on another node (cluster mode): this node's subscribers are told the same way. */
	@EventListener
	void on(StreamEndSeen seen) {
		end(seen.streamId());
	}

	/**
	 * The stream's pace is kept (not forgotten here): a tick running meanwhile would otherwise send one
	 * more engagement event at once, less than the interval after the last, before the subscribers are
	 * closed; the entry goes once the stream has no subscribers left.
	 */
	private void end(long streamId) {
		byte[] event = events.ended(stats.engagement(streamId));
		endedStreams.record(streamId, event);
		audiences.forEach(audience -> audience.end(streamId, event));
	}
}
