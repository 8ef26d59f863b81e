package io.livepulse.sales;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.DiskSync;
import io.livepulse.shared.GroupCommits;

/**
 * Group commit for flash-sale claims ({@link GroupCommits}): the claims that queue while one batch is written go
 * in the next, in one transaction and one fsync, instead of a transaction each queueing for the sale's row lock
 * (100 claims for the last units of a sale once took seconds that way). In a batch each claim takes its sale's
 * units first, then its buyer's, and gives the units back if that passes the buyer's limit; claims are taken
 * in sale order, so the sale's row is the first lock a batch holds and batches on several nodes never deadlock.
 * Each claim is answered with the sale as its batch left it.
 */
@Component
class ClaimCommits extends GroupCommits<ClaimCommits.Attempt, ClaimCommits.Outcome> {

	static final int MAX_BATCH = 500;
	private static final Logger log = LoggerFactory.getLogger(ClaimCommits.class);

	/** A claim that passed every check the sale as last read allows. */
	record Attempt(long saleId, String userId, int quantity, int perBuyerLimit, String claimId, Instant holdUntil,
			Instant now) {
	}

	enum Refusal {
		NONE, NO_UNITS, BUYER_LIMIT
	}

	/**
	 * The claim's result ({@link Refusal#NONE}: its units are held), its sale after the batch, and whether it was
	 * the claim that took the sale's last unit (one per sale sold out, to be told at once).
	 */
	record Outcome(Refusal refusal, FlashSale sale, boolean tookLastUnit) {
	}

	@Autowired
	ClaimCommits(FlashSaleRepository repository, TransactionTemplate transactions, DiskSync disk) {
		this(batch -> {
			List<Outcome> outcomes = transactions.execute(status -> write(repository, batch));
			if (outcomes.stream().anyMatch(outcome -> outcome.refusal() == Refusal.NONE)) {
				disk.forceToDisk();
			}
			return outcomes;
		});
	}

	ClaimCommits(BatchWriter<Attempt, Outcome> writer) {
		// no window: what queued while the last batch was written is the next batch
		super("flash-sale-claims", writer, MAX_BATCH, 0);
	}

	Outcome claim(Attempt attempt) {
		return commit(attempt);
	}

	private static List<Outcome> write(FlashSaleRepository repository, List<Attempt> batch) {
		Integer[] order = new Integer[batch.size()];
		Arrays.setAll(order, i -> i);
		Arrays.sort(order, Comparator.comparingLong(i -> batch.get(i).saleId()));
		Refusal[] refusals = new Refusal[batch.size()];
		Map<Long, Integer> lastTaken = new HashMap<>();
		for (int i : order) {
			refusals[i] = take(repository, batch.get(i));
			if (refusals[i] == Refusal.NONE) {
				lastTaken.put(batch.get(i).saleId(), i);
			}
		}
		Map<Long, FlashSale> after = new HashMap<>();
		List<Outcome> outcomes = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			long saleId = batch.get(i).saleId();
			FlashSale sale = after.computeIfAbsent(saleId, id -> repository.find(id).orElseThrow());
			boolean tookLastUnit = sale.unitsLeft() == 0 && lastTaken.getOrDefault(saleId, -1) == i;
			outcomes.add(new Outcome(refusals[i], sale, tookLastUnit));
		}
		return outcomes;
	}

	private static Refusal take(FlashSaleRepository repository, Attempt claim) {
		if (!repository.takeUnits(claim.saleId(), claim.quantity(), claim.now())) {
			return Refusal.NO_UNITS;
		}
		repository.ensureBuyer(claim.saleId(), claim.userId());
		if (!repository.addBuyerUnits(claim.saleId(), claim.userId(), claim.quantity(), claim.perBuyerLimit())) {
			repository.giveBackUnits(claim.saleId(), claim.quantity());
			return Refusal.BUYER_LIMIT;
		}
		repository.insertClaim(claim.claimId(), claim.saleId(), claim.userId(), claim.quantity(), claim.holdUntil(),
				claim.now());
		return Refusal.NONE;
	}

	@Override
	protected RuntimeException notTaking() {
		return ApiProblem.serviceUnavailable("Claims are not taken right now (the service is stopping); nothing was claimed.");
	}

	@Override
	protected RuntimeException notWritten(Throwable cause) {
		log.warn("A flash-sale claim could not be stored", cause);
		return ApiProblem.serviceUnavailable("The claim could not be stored; nothing was claimed. Try again.");
	}

	@Override
	protected RuntimeException interrupted() {
		return ApiProblem.serviceUnavailable("The claim was interrupted while it was being stored; it may still hold units "
				+ "(see your claims).");
	}
}
