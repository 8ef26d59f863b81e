package io.livepulse.engagement;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import io.livepulse.shared.ApiProblem;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Purchases reported by the shop backend: attributed to live streams only, in one currency per
 * stream, and the same order id counted once. One stream's purchases are stored one at a time (on
 * its counters' monitor), so the currency check and the write cannot interleave.
 */
@Component
class Purchases {

	private final StreamService streams;
	private final InteractionLog interactionLog;
	private final CounterStore counters;
	private final PurchaseAttribution attribution;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Purchases(StreamService streams, InteractionLog interactionLog, CounterStore counters,
			PurchaseAttribution attribution, ApplicationEventPublisher events, Clock clock) {
		this.streams = streams;
		this.interactionLog = interactionLog;
		this.counters = counters;
		this.attribution = attribution;
		this.events = events;
		this.clock = clock;
	}

	PurchaseResult purchase(long streamId, Purchase purchase) {
		streams.get(streamId);
		StreamCounters streamCounters = counters.of(streamId);
		return counters.whileCounting(() -> {
			synchronized (streamCounters) {
				return record(streamId, purchase, streamCounters);
			}
		});
	}

	private PurchaseResult record(long streamId, Purchase purchase, StreamCounters streamCounters) {
		Stream stream = streams.get(streamId);
		if (!stream.isLive()) {
			throw ApiProblem.conflict("Stream %d is %s; purchases are attributed to live streams only."
				.formatted(streamId, stream.status()));
		}
		String currency = streamCounters.currency();
		if (currency != null && !currency.equals(purchase.currency())) {
			throw ApiProblem.unprocessable("Stream %d sells in %s; a purchase in %s cannot be added to its revenue."
				.formatted(streamId, currency, purchase.currency()));
		}
		if (purchase.productId() != null) {
			attribution.check(stream, purchase.productId());
		}
		long now = clock.millis();
		try {
			interactionLog.appendPurchase(streamId, purchase, now);
			interactionLog.forceToDisk();
		}
		catch (DuplicateKeyException duplicate) {
			InteractionLog.StoredPurchase stored = interactionLog.storedPurchase(streamId, purchase.orderId());
			if (stored.amountMinor() != purchase.amountMinor() || !stored.currency().equals(purchase.currency())
					|| !Objects.equals(stored.productId(), purchase.productId())) {
				throw ApiProblem.conflict("Order %s was already recorded with a different amount, currency or product."
					.formatted(purchase.orderId()));
			}
			return streamCounters.purchaseResult(purchase.orderId(), false);
		}
		streamCounters.addPurchase(purchase.amountMinor(), purchase.currency());
		if (purchase.productId() != null) {
			events.publishEvent(new ProductPurchase(streamId, purchase.orderId(), purchase.productId(), purchase.units(),
					purchase.amountMinor(), purchase.currency(), Instant.ofEpochMilli(now)));
		}
		return streamCounters.purchaseResult(purchase.orderId(), true);
	}
}
