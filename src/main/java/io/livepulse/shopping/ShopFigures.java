package io.livepulse.shopping;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.livepulse.engagement.InteractionService;
import io.livepulse.engagement.ProductPurchase;
import io.livepulse.shared.AfterCommit;

/**
 * Per-product figures of each stream, in memory: clicks, impressions (distinct real viewers present
 * while the product was pinned), orders and revenue split by the product's pin windows. A stream's
 * figures are read from the database the first time they are needed; after that, each click,
 * impression and purchase moves them as it is stored, under the stream's monitor, so nothing is
 * counted twice (a purchase is counted once per order id).
 */
@Component
class ShopFigures {

	/** Sales of one product on one stream. */
	static final class Sales {
		int orders;
		long units;
		long revenueMinor;
		long revenueInPinMinor;
		String currency;
	}

	/** One stream's figures; every field is guarded by this object's monitor. */
	static final class StreamFigures {
		final Map<Long, Long> clicks;
		final Map<Long, Set<String>> impressions;
		final Map<Long, Sales> sales = new HashMap<>();
		final Set<String> orders = new HashSet<>();
		List<ShowcaseRepository.PinWindow> windows;

		StreamFigures(Map<Long, Long> clicks, Map<Long, Set<String>> impressions,
				List<ShowcaseRepository.PinWindow> windows) {
			this.clicks = clicks;
			this.impressions = impressions;
			this.windows = windows;
		}

		void add(ProductPurchase purchase) {
			if (!orders.add(purchase.orderId())) {
				return;
			}
			Sales product = sales.computeIfAbsent(purchase.productId(), id -> new Sales());
			product.orders++;
			product.units += purchase.quantity();
			product.revenueMinor += purchase.amountMinor();
			product.currency = purchase.currency();
			if (windows.stream().anyMatch(window -> window.productId() == purchase.productId()
					&& window.covers(purchase.at()))) {
				product.revenueInPinMinor += purchase.amountMinor();
			}
		}
	}

	private final FiguresRepository repository;
	private final ShowcaseRepository showcases;
	private final InteractionService interactions;
	private final Clock clock;
	private final Map<Long, StreamFigures> streams = Caffeine.newBuilder().maximumSize(10_000)
		.<Long, StreamFigures>build().asMap();

	ShopFigures(FiguresRepository repository, ShowcaseRepository showcases, InteractionService interactions,
			Clock clock) {
		this.repository = repository;
		this.showcases = showcases;
		this.interactions = interactions;
		this.clock = clock;
	}

	/** The stream's figures, read from the database once; callers hold its monitor while they read or move it. */
	StreamFigures of(long streamId) {
		return streams.computeIfAbsent(streamId, id -> {
			StreamFigures loaded = new StreamFigures(repository.clicks(id), repository.impressions(id),
					showcases.windows(id));
			interactions.productPurchases(id).forEach(loaded::add);
			return loaded;
		});
	}

	/** Counts the viewer's click once per product and stream; true when it was the viewer's first. */
	boolean click(long streamId, long productId, String viewerId, boolean rehearsal) {
		StreamFigures figures = of(streamId);
		synchronized (figures) {
			if (!repository.insertClick(streamId, productId, viewerId, rehearsal, clock.instant())) {
				return false;
			}
			figures.clicks.merge(productId, 1L, Long::sum);
			return true;
		}
	}

	/** Takes the viewers present now as impressions of the pinned product (each viewer once). */
	void seen(long streamId, long productId, Set<String> present) {
		if (present.isEmpty()) {
			return;
		}
		StreamFigures figures = of(streamId);
		synchronized (figures) {
			Set<String> seen = figures.impressions.computeIfAbsent(productId, id -> new HashSet<>());
			Instant now = clock.instant();
			List<FiguresRepository.Impression> fresh = new ArrayList<>();
			for (String viewer : present) {
				if (!seen.contains(viewer)) {
					fresh.add(new FiguresRepository.Impression(streamId, productId, viewer, now));
				}
			}
			if (!fresh.isEmpty()) {
				repository.insertImpressions(fresh);
				fresh.forEach(impression -> seen.add(impression.viewerId()));
			}
		}
	}

	void pinWindowsChanged(long streamId) {
		StreamFigures figures = streams.get(streamId);
		if (figures != null) {
			synchronized (figures) {
				figures.windows = showcases.windows(streamId);
			}
		}
	}

	/**
	 * Counted once the purchase is stored (its transaction committed). A plain listener with a commit callback, not a
	 * transactional event listener: those the event publication registry records, each in a transaction of its own
	 * opened while the purchase's connection is still held, which under a burst of orders emptied the pool.
	 */
	@EventListener
	void on(ProductPurchase purchase) {
		Runnable count = () -> {
			StreamFigures figures = of(purchase.streamId());
			synchronized (figures) {
				figures.add(purchase);
			}
		};
		AfterCommit.run(count);
	}
}
