package io.livepulse.sales;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.TokenBuckets;
import io.livepulse.shopping.ProductCard;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Starting, stopping, showing and claiming flash sales. A claim the sale as last read cannot take is refused at
 * once; the others, as many as the units left cover ({@link ClaimsInFlight}), go to the database in group commits
 * ({@link ClaimCommits}), where conditional updates decide every unit. Who may do what: the stream's seller or
 * an admin starts and stops; a signed-in viewer who is not the seller claims; anyone who may see the stream
 * sees its sales (a rehearsal's only its owner and admins, who practise with them).
 */
@Service
class FlashSaleService {

	private static final Logger log = LoggerFactory.getLogger(FlashSaleService.class);
	private static final int LISTED = 20;
	/** A buyer's claims per second (and burst): enough for a person, nothing for a script. */
	private static final double CLAIMS_PER_SECOND = 2;
	private static final double CLAIM_BURST = 5;
	/** How long a claim waits for the claims on their way to the database to leave it units to try for. */
	private static final Duration WAIT_FOR_CLAIMS_ON_THEIR_WAY = Duration.ofSeconds(2);
	private static final Executor READS = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("flash-sale-read").factory());

	private final FlashSaleRepository repository;
	private final StreamService streams;
	private final SaleStreams saleStreams;
	private final FlashSaleBroadcasts broadcasts;
	private final SalesProperties properties;
	private final TransactionTemplate transactions;
	private final ClaimCommits claims;
	private final ClaimMeters meters;
	private final Clock clock;
	private final TokenBuckets claimRates = new TokenBuckets(200_000, Duration.ofMinutes(2));
	private final ClaimsInFlight inFlight = new ClaimsInFlight();
	/**
	 * Each sale as last read, read again in the background once 200 ms old and at each change told to viewers:
	 * in a rush, a claim the sale can no longer take (sold out, over) is refused from it without touching the
	 * database. A claim it might take always goes to the database, whose conditional update decides; so a stale
	 * entry can only delay a unit that came back by about 200 ms. Readers never wait for a read in progress
	 * (one that did once queued 200 claims behind each other's wake-ups for seconds).
	 */
	private final LoadingCache<Long, Optional<FlashSale>> recent;

	FlashSaleService(FlashSaleRepository repository, StreamService streams, SaleStreams saleStreams,
			FlashSaleBroadcasts broadcasts, SalesProperties properties, TransactionTemplate transactions, ClaimCommits claims,
			ClaimMeters meters, Clock clock) {
		this.claims = claims;
		this.meters = meters;
		this.repository = repository;
		this.streams = streams;
		this.saleStreams = saleStreams;
		this.broadcasts = broadcasts;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
		this.recent = Caffeine.newBuilder().maximumSize(10_000).refreshAfterWrite(Duration.ofMillis(200))
			.expireAfterAccess(Duration.ofMinutes(30)).executor(READS).build(repository::find);
	}

	FlashSaleView create(long streamId, Caller caller, NewFlashSale request) {
		Stream stream = saleStreams.liveManaged(streamId, caller, "flash sales");
		ProductCard product = saleStreams.showcased(streamId, request.productId());
		Instant now = clock.instant();
		long id = transactions.execute(status -> {
			// one sale at a time per stream, checked under the stream's row lock against a second node's start
			saleStreams.lockLive(streamId);
			if (repository.hasOpenSale(streamId, now)) {
				throw ApiProblem.conflict("Stream %d already has a flash sale running or counting down; stop it first."
					.formatted(streamId));
			}
			Instant startsAt = now.plusSeconds(request.startsInSeconds());
			return repository.insert(streamId, product.productId(), product.title(), product.imageUrl(),
					request.priceMinor(), product.currency(), request.stock(), request.perBuyerLimit(), startsAt,
					startsAt.plusSeconds(request.durationSeconds()), stream.isRehearsal(), caller.userId(), now);
		});
		log.info("Stream {} starts flash sale {} of product {} ({} units){}", streamId, id, product.productId(),
				request.stock(), stream.isRehearsal() ? " as practice" : "");
		broadcasts.changed(id);
		return FlashSaleView.of(repository.find(id).orElseThrow(), now, true);
	}

	FlashSaleView stop(long saleId, Caller caller) {
		FlashSale sale = find(saleId, Optional.of(caller));
		streams.getManaged(sale.streamId(), caller);
		Instant now = clock.instant();
		if (!repository.stop(saleId, caller.userId(), now)) {
			throw ApiProblem.conflict("Flash sale %d has already ended or was stopped.".formatted(saleId));
		}
		log.info("Flash sale {} of stream {} stopped", saleId, sale.streamId());
		broadcasts.changed(saleId);
		return FlashSaleView.of(repository.find(saleId).orElseThrow(), now, true);
	}

	FlashSaleView get(long saleId, Optional<Caller> caller) {
		FlashSale sale = find(saleId, caller);
		return FlashSaleView.of(sale, clock.instant(), saleStreams.manages(sale.streamId(), caller));
	}

	List<FlashSaleView> ofStream(long streamId, Optional<Caller> caller) {
		Stream stream = streams.getVisible(streamId, caller);
		boolean manager = caller.map(who -> who.mayManageStreamOf(stream.vendorId())).orElse(false);
		Instant now = clock.instant();
		return repository.ofStream(streamId, LISTED).stream().map(sale -> FlashSaleView.of(sale, now, manager)).toList();
	}

	ClaimResult claim(long saleId, Caller caller, ClaimRequest request) {
		FlashSale sale = visible(recentlyRead(saleId), Optional.of(caller));
		return meters.counted(sale.practice(), () -> claim(sale, caller, request));
	}

	private ClaimResult claim(FlashSale sale, Caller caller, ClaimRequest request) {
		long saleId = sale.id();
		Stream stream = streams.get(sale.streamId());
		if (!caller.mayLikeAndChat()) {
			throw ApiProblem.forbidden("Sign in as a viewer to claim units.");
		}
		if (caller.ownsStreamOf(stream.vendorId())) {
			throw ApiProblem.forbidden("A seller cannot claim units of their own flash sale.");
		}
		if (!stream.isLive()) {
			// the stream's end stops its sale a moment later; a unit claimed meanwhile could never be paid for
			throw ApiProblem.conflict("Flash sale %d is over: its stream has ended.".formatted(sale.id())).with("status", "ENDED");
		}
		int quantity = request.quantity();
		if (quantity > properties.maxClaimQuantity()) {
			throw ApiProblem.badRequest("A claim may ask for at most %d units.".formatted(properties.maxClaimQuantity()));
		}
		if (!claimRates.tryAcquire(caller.userId(), CLAIM_BURST, CLAIMS_PER_SECOND, System.nanoTime())) {
			throw ApiProblem.tooManyRequests("Too many claims; wait a moment.").retryAfter(1);
		}
		ClaimsInFlight.Reservation reserved = reserveUnits(sale, quantity);
		// the time once it may try (a wait behind the last units can take seconds): a sale that ended meanwhile refuses
		Instant now = clock.instant();
		String claimId = UUID.randomUUID().toString();
		Instant holdUntil = now.plus(properties.holdFor());
		ClaimCommits.Outcome outcome;
		try {
			// answered once on disk: a claim answered 201 survives a crash
			outcome = claims.claim(new ClaimCommits.Attempt(saleId, caller.userId(), quantity, sale.perBuyerLimit(), claimId,
					holdUntil, now));
			recent.put(saleId, Optional.of(outcome.sale()));
		}
		finally {
			reserved.release();
		}
		FlashSale after = outcome.sale();
		switch (outcome.refusal()) {
			case NO_UNITS -> throw after.refusal(quantity, now);
			case BUYER_LIMIT -> throw ApiProblem.forbidden("At most %d units per buyer in this sale."
				.formatted(sale.perBuyerLimit())).with("perBuyerLimit", sale.perBuyerLimit());
			case NONE -> {
			}
		}
		if (outcome.tookLastUnit()) {
			broadcasts.soldOut(after);
		}
		else {
			broadcasts.changed(saleId);
		}
		return new ClaimResult(claimId, saleId, quantity, sale.priceMinor() * quantity, sale.currency(), after.unitsLeft(),
				holdUntil, sale.practice());
	}

	/**
	 * Refuses a claim the sale as just read cannot take (not running, too few units) without a write; otherwise
	 * waits until the claims on their way here leave it units to try for ({@link ClaimsInFlight}), or refuses it
	 * once they have taken them.
	 */
	private ClaimsInFlight.Reservation reserveUnits(FlashSale sale, int quantity) {
		long giveUpAt = System.nanoTime() + WAIT_FOR_CLAIMS_ON_THEIR_WAY.toNanos();
		for (FlashSale current = sale;; current = recentlyRead(sale.id()).orElseThrow()) {
			Instant now = clock.instant();
			if (current.statusAt(now) != FlashSaleStatus.RUNNING || current.unitsLeft() < quantity) {
				throw current.refusal(quantity, now);
			}
			ClaimsInFlight.Reservation reserved = inFlight.reserve(sale.id(), current.unitsLeft(), quantity);
			if (reserved != null) {
				return reserved;
			}
			try {
				inFlight.nextAnswer(sale.id()).get(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException | ExecutionException | InterruptedException stillTaken) {
				if (stillTaken instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				throw ApiProblem.conflict("All %d units left are being claimed right now; try again in a moment."
					.formatted(current.unitsLeft())).with("status", "RUNNING").with("unitsLeft", current.unitsLeft())
					.retryAfter(1);
			}
		}
	}

	private Optional<FlashSale> recentlyRead(long saleId) {
		Optional<FlashSale> sale = recent.getIfPresent(saleId);
		if (sale == null) {
			sale = repository.find(saleId);
			recent.put(saleId, sale);
		}
		return sale;
	}

	/** The sale if the caller may see its stream; the unknown-id 404 otherwise (a rehearsal's sale for an outsider). */
	private FlashSale find(long saleId, Optional<Caller> caller) {
		return visible(repository.find(saleId), caller);
	}

	private FlashSale visible(Optional<FlashSale> found, Optional<Caller> caller) {
		return saleStreams.visible(found, FlashSale::streamId, caller, "No such flash sale.");
	}

	/** A change told to viewers (here or from another node) has the sale read again for the claims after it. */
	@EventListener
	void on(FlashSaleChanged changed) {
		recent.refresh(changed.sale().id());
		if (changed.sale().status().isOver()) {
			inFlight.forget(changed.sale().id());
		}
	}

}
