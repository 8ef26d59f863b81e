package io.livepulse.engagement;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.DiskSync;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * Purchases reported by the shop backend: attributed to live streams only, in one currency per
 * stream, and the same order id counted once. Each is stored in one transaction with its stream's
 * counter row, under the stream's row lock, so the currency check and the write cannot interleave with
 * another purchase or the stream's end, on this node or any other. A purchase naming a product must
 * name one of the stream's seller's products; once stored it is announced as a {@link ProductPurchase}.
 * On a rehearsal a purchase is practice: logged with {@code is_simulated = true}, counted in the practice
 * totals and never in real revenue or orders.
 */
@Component
class Purchases {

	private final StreamService streams;
	private final InteractionLog interactionLog;
	private final DiskSync disk;
	private final CounterStore counters;
	private final CounterRows counterRows;
	private final TransactionTemplate transactions;
	private final PurchaseAttribution attribution;
	private final ApplicationEventPublisher events;
	private final ObjectProvider<ClaimConfirmation> claims;
	private final Clock clock;
	/**
	 * Purchases of one stream take turns on this node before they open a transaction: each would wait for the
	 * stream's row lock anyway, and waiting here holds no database connection, so a burst of orders on one stream
	 * cannot take every pooled connection from likes, chat and the rest (the row lock still orders nodes).
	 */
	private final Lock[] streamTurns = IntStream.range(0, 256).mapToObj(i -> new ReentrantLock()).toArray(Lock[]::new);

	Purchases(StreamService streams, InteractionLog interactionLog, CounterStore counters, CounterRows counterRows,
			TransactionTemplate transactions, PurchaseAttribution attribution, ApplicationEventPublisher events,
			ObjectProvider<ClaimConfirmation> claims, Clock clock, DiskSync disk) {
		this.claims = claims;
		this.disk = disk;
		this.streams = streams;
		this.interactionLog = interactionLog;
		this.counters = counters;
		this.counterRows = counterRows;
		this.transactions = transactions;
		this.attribution = attribution;
		this.events = events;
		this.clock = clock;
	}

	PurchaseResult purchase(long streamId, Purchase purchase, Caller shop) {
		Stream stream = streams.get(streamId);
		if (shop.vendorId() != null && shop.vendorId() != stream.vendorId()) {
			if (stream.isRehearsal()) {
				throw ApiProblem.notFound("Stream %d does not exist.".formatted(streamId)); // hidden, as from anyone
			}
			throw ApiProblem.forbidden("This shop reports orders for vendor %d's streams; stream %d is another seller's."
				.formatted(shop.vendorId(), streamId));
		}
		if (purchase.productId() != null) {
			attribution.check(stream, purchase.productId(), purchase.currency());
		}
		boolean practice = stream.isRehearsal();
		StreamCounters streamCounters = counters.of(streamId);
		return counters.whileCounting(() -> {
			long now = clock.millis();
			EngagementTotals after;
			Lock turn = streamTurns[Math.floorMod(Long.hashCode(streamId), streamTurns.length)];
			turn.lock();
			try {
				after = transactions.execute(status -> record(streamId, purchase, practice, now));
			}
			catch (DuplicateKeyException duplicate) {
				InteractionLog.StoredPurchase stored = interactionLog.storedPurchase(streamId, purchase.orderId())
					.orElseThrow(() -> ApiProblem.conflict(
							"Order %s was already recorded on another stream; an order adds to one stream's revenue."
								.formatted(purchase.orderId())));
				ClaimConfirmation confirmation = claims.getIfAvailable();
				boolean otherClaim = purchase.claimId() != null
						&& (confirmation == null || !confirmation.settledBy(purchase.claimId(), purchase.orderId()));
				if (stored.amountMinor() != purchase.amountMinor() || !stored.currency().equals(purchase.currency())
						|| !Objects.equals(stored.productId(), purchase.productId()) || otherClaim) {
					throw ApiProblem.conflict("Order %s was already recorded with a different amount, currency, product or claim."
						.formatted(purchase.orderId()));
				}
				return result(purchase, practice, false, counterRows.totals(streamId), streamCounters);
			}
			finally {
				turn.unlock();
			}
			disk.forceToDisk();
			return result(purchase, practice, true, after, streamCounters);
		});
	}

	private EngagementTotals record(long streamId, Purchase purchase, boolean practice, long now) {
		StreamStatus status = streams.lockForWrite(streamId).orElseThrow(() -> ApiProblem.notFound(
				"Stream %d does not exist.".formatted(streamId)));
		if (status != StreamStatus.LIVE) {
			if (interactionLog.hasPurchase(streamId, purchase.orderId())) {
				// a shop's retry of an order stored while the stream was live: answered as a repeat, not refused
				throw new DuplicateKeyException("Order %s was recorded while stream %d was live".formatted(purchase.orderId(),
						streamId));
			}
			throw ApiProblem.conflict("Stream %d is %s; purchases are attributed to live streams only."
				.formatted(streamId, status));
		}
		String currency = counterRows.currency(streamId);
		if (currency != null && !currency.equals(purchase.currency())) {
			throw ApiProblem.unprocessable("Stream %d sells in %s; a purchase in %s cannot be added to its revenue."
				.formatted(streamId, currency, purchase.currency()));
		}
		if (purchase.claimId() != null) {
			ClaimConfirmation confirmation = claims.getIfAvailable();
			if (confirmation == null) {
				throw ApiProblem.unprocessable("No flash sales here: 'claimId' names nothing to settle.");
			}
			confirmation.confirm(new ClaimConfirmation.ClaimedPurchase(streamId, purchase.claimId(), purchase.orderId(),
					purchase.buyerId(), purchase.productId(), purchase.units(), purchase.amountMinor(), purchase.currency()));
		}
		interactionLog.appendPurchase(streamId, purchase, practice, now);
		EngagementTotals totals = counterRows.addPurchase(streamId, purchase.amountMinor(), purchase.currency(), practice);
		if (purchase.productId() != null) {
			// inside the purchase's transaction: a listener's writes (a shop's webhook) commit or roll back with it;
			// listeners that must only see stored purchases listen after the commit
			events.publishEvent(new ProductPurchase(streamId, purchase.orderId(), purchase.productId(), purchase.units(),
					purchase.amountMinor(), purchase.currency(), Instant.ofEpochMilli(now)));
		}
		return totals;
	}

	private static PurchaseResult result(Purchase purchase, boolean practice, boolean recorded, EngagementTotals totals,
			StreamCounters streamCounters) {
		streamCounters.raiseTo(totals);
		if (practice) {
			return new PurchaseResult(purchase.orderId(), recorded, 0, null, 0, Boolean.TRUE,
					new PurchaseResult.Practice(totals.practiceRevenueMinor(), totals.currency(), totals.practiceOrders()));
		}
		return new PurchaseResult(purchase.orderId(), recorded, totals.revenueMinor(), totals.currency(), totals.orders(),
				null, null);
	}
}
