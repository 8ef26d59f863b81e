package io.livepulse.engagement;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import io.livepulse.security.Caller;
import io.livepulse.shared.DiskSync;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Likes and purchases, the module's face to the others. Counters live in memory
 * ({@link CounterStore}), are rebuilt from the interaction log at start-up and only move after the
 * rows they count are committed, so reads never query the log. Likes go through
 * {@link LikeAdmission}, purchases through {@link Purchases}, checks through {@link Reconciliation}.
 */
@Service
public class InteractionService {

	private final StreamService streams;
	private final InteractionLog interactionLog;
	private final DiskSync disk;
	private final CounterStore counters;
	private final LikeAdmission likes;
	private final Purchases purchases;
	private final Reconciliation reconciliation;
	private final LikeBatchWriter batchWriter;
	private final CounterRows counterRows;
	private final Clock clock;

	InteractionService(StreamService streams, InteractionLog interactionLog, CounterStore counters, LikeAdmission likes,
			Purchases purchases, Reconciliation reconciliation, LikeBatchWriter batchWriter, CounterRows counterRows,
			Clock clock, DiskSync disk) {
		this.disk = disk;
		this.batchWriter = batchWriter;
		this.counterRows = counterRows;
		this.streams = streams;
		this.interactionLog = interactionLog;
		this.counters = counters;
		this.likes = likes;
		this.purchases = purchases;
		this.reconciliation = reconciliation;
		this.clock = clock;
	}

	/** A real like from a signed-in viewer: rate-limited, durable before it is acknowledged. */
	public LikeResult like(long streamId, Caller caller) {
		return likes.like(streamId, caller);
	}

	/**
	 * A purchase from a shop backend; the same order id is counted once. A shop whose token names a vendor reports
	 * for that seller's streams only; one without is the platform's shop.
	 */
	public PurchaseResult purchase(long streamId, Purchase purchase, Caller shop) {
		return purchases.purchase(streamId, purchase, shop);
	}

	/** Stores simulated likes of a rehearsal; refused for any stream that is not a rehearsal. */
	public void recordSimulatedLikes(long streamId, int count) {
		Stream stream = streams.get(streamId);
		if (!stream.isRehearsal()) {
			throw new IllegalStateException("Simulated likes are refused for stream " + streamId
					+ ": it is not a rehearsal.");
		}
		if (count <= 0 || !stream.isLive()) {
			return;
		}
		long now = clock.millis();
		List<InteractionLog.LikeRow> rows = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			rows.add(new InteractionLog.LikeRow(streamId, "simulated", true, now));
		}
		counters.whileCounting(() -> {
			long[] totals = batchWriter.write(rows);
			if (totals.length > 0 && totals[totals.length - 1] >= 0) {
				disk.forceToDisk();
				counters.of(streamId).raiseSimulatedLikesTo(totals[totals.length - 1]);
			}
			return null;
		});
	}

	/**
	 * The counts to freeze when a stream ends, called in the transaction that stores them once the stream
	 * is ENDED: waits for this node's queued likes, then reads the stream's counter row, which every like
	 * and purchase committed on any node moved under the stream's row lock, and none can move any more.
	 */
	public EngagementCounts finalCounts(long streamId) {
		likes.flush();
		EngagementTotals totals = counterRows.totals(streamId);
		StreamCounters streamCounters = counters.of(streamId);
		streamCounters.raiseTo(totals);
		return new EngagementCounts(totals.likes(), streamCounters.likesLastMinute(clock.millis()),
				totals.simulatedLikes(), totals.revenueMinor(), totals.currency(), totals.orders(),
				totals.practiceRevenueMinor(), totals.practiceOrders());
	}

	public EngagementCounts counts(long streamId) {
		return counters.counts(streamId);
	}

	/** Waits until every like accepted so far is committed and counted. */
	public void flush() {
		likes.flush();
	}

	/** The stream's purchases that name a product, from the log (for rebuilding per-product figures, never per request). */
	public List<ProductPurchase> productPurchases(long streamId) {
		return interactionLog.productPurchases(streamId);
	}

	public EngagedViewers engagedViewers(long streamId) {
		return interactionLog.engagedViewers(streamId);
	}

	public ReconciliationReport reconcile() {
		return reconciliation.reconcile();
	}
}
