package io.livepulse.sales;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The units this node's claims are taking from each sale right now. A claim goes to the database only while the
 * sale's units left (as last read) cover it beside the claims already on their way; one they do not cover waits
 * for the next of those to be answered and looks again, as it may fail and give its units back (a buyer's limit).
 * In a rush of 10,000 claimers on 100 units this node sends about 100 claims to the database and the others are
 * refused from the sale as those leave it, instead of every claim queueing for a connection and the sale's row
 * lock. The database's conditional updates still decide every unit (a stale read or another node can only make a
 * claim here try and be refused there).
 */
final class ClaimsInFlight {

	private static final class Sale {

		private int taking;
		private CompletableFuture<Void> nextAnswer = new CompletableFuture<>();
	}

	private final ConcurrentHashMap<Long, Sale> sales = new ConcurrentHashMap<>();

	/** Units a claim took here on its way to the database; released once its answer is in. */
	static final class Reservation {

		private final Sale sale;
		private final int quantity;

		private Reservation(Sale sale, int quantity) {
			this.sale = sale;
			this.quantity = quantity;
		}

		/** The claim's database answer is in (taken or refused), and the sale as read after it is what claims see. */
		void release() {
			CompletableFuture<Void> answered;
			synchronized (sale) {
				sale.taking -= quantity;
				answered = sale.nextAnswer;
				sale.nextAnswer = new CompletableFuture<>();
			}
			answered.complete(null);
		}
	}

	/**
	 * Takes {@code quantity} of {@code unitsLeft} for a claim about to go to the database; null if claims on their
	 * way hold them. The reservation is released on the sale it was taken from, even if that sale has been
	 * forgotten since.
	 */
	@Nullable Reservation reserve(long saleId, int unitsLeft, int quantity) {
		Sale sale = sales.computeIfAbsent(saleId, id -> new Sale());
		synchronized (sale) {
			if (unitsLeft - sale.taking < quantity) {
				return null;
			}
			sale.taking += quantity;
			return new Reservation(sale, quantity);
		}
	}

	/** Completes when the next claim on its way to the database for this sale is answered (at once if none is). */
	CompletableFuture<Void> nextAnswer(long saleId) {
		Sale sale = sales.get(saleId);
		if (sale == null) {
			return CompletableFuture.completedFuture(null);
		}
		synchronized (sale) {
			return sale.taking == 0 ? CompletableFuture.completedFuture(null) : sale.nextAnswer;
		}
	}

	/** The sale is over: no claim will reserve on it again. */
	void forget(long saleId) {
		Sale sale = sales.remove(saleId);
		if (sale != null) {
			synchronized (sale) {
				sale.nextAnswer.complete(null);
			}
		}
	}

	int taking(long saleId) {
		Sale sale = sales.get(saleId);
		if (sale == null) {
			return 0;
		}
		synchronized (sale) {
			return sale.taking;
		}
	}
}
