package io.livepulse.sales;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.DiskSync;
import io.livepulse.shared.TokenBuckets;
import io.livepulse.shopping.ProductCard;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Starting, stopping, showing and claiming flash sales. A claim is one transaction: the sale's units, then
 * the buyer's, then the claim row; any refusal rolls all of it back. Who may do what: the stream's seller or
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

	private final FlashSaleRepository repository;
	private final StreamService streams;
	private final SaleStreams saleStreams;
	private final FlashSaleBroadcasts broadcasts;
	private final SalesProperties properties;
	private final TransactionTemplate transactions;
	private final DiskSync disk;
	private final Clock clock;
	private final TokenBuckets claimRates = new TokenBuckets(200_000, Duration.ofMinutes(2));
	/**
	 * Each sale as last read, for at most 200 ms: in a rush, a claim the sale can no longer take (sold out, over)
	 * is refused from it without touching the database. A claim it might take always goes to the database,
	 * whose conditional update decides; so a stale entry can only delay a unit that came back by 200 ms.
	 */
	private final Cache<Long, Optional<FlashSale>> recent = Caffeine.newBuilder().maximumSize(10_000)
		.expireAfterWrite(Duration.ofMillis(200)).build();

	FlashSaleService(FlashSaleRepository repository, StreamService streams, SaleStreams saleStreams,
			FlashSaleBroadcasts broadcasts, SalesProperties properties, TransactionTemplate transactions, DiskSync disk,
			Clock clock) {
		this.disk = disk;
		this.repository = repository;
		this.streams = streams;
		this.saleStreams = saleStreams;
		this.broadcasts = broadcasts;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
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
		FlashSale sale = visible(recent.get(saleId, repository::find), Optional.of(caller));
		Stream stream = streams.get(sale.streamId());
		if (!caller.mayLikeAndChat()) {
			throw ApiProblem.forbidden("Sign in as a viewer to claim units.");
		}
		if (caller.ownsStreamOf(stream.vendorId())) {
			throw ApiProblem.forbidden("A seller cannot claim units of their own flash sale.");
		}
		int quantity = request.quantity();
		if (quantity > properties.maxClaimQuantity()) {
			throw ApiProblem.badRequest("A claim may ask for at most %d units.".formatted(properties.maxClaimQuantity()));
		}
		if (!claimRates.tryAcquire(caller.userId(), CLAIM_BURST, CLAIMS_PER_SECOND, System.nanoTime())) {
			throw ApiProblem.tooManyRequests("Too many claims; wait a moment.");
		}
		Instant now = clock.instant();
		// the sale as just read: one not running, or with too few units, is refused without a write
		if (sale.statusAt(now) != FlashSaleStatus.RUNNING || sale.unitsLeft() < quantity) {
			throw refusal(sale, quantity, now);
		}
		String claimId = UUID.randomUUID().toString();
		Instant holdUntil = now.plus(properties.holdFor());
		repository.ensureBuyer(saleId, caller.userId());
		FlashSale after = transactions.execute(status -> {
			if (!repository.takeUnits(saleId, quantity, now)) {
				throw refusal(repository.find(saleId).orElseThrow(), quantity, now);
			}
			if (!repository.addBuyerUnits(saleId, caller.userId(), quantity, sale.perBuyerLimit())) {
				throw ApiProblem.forbidden("At most %d units per buyer in this sale.".formatted(sale.perBuyerLimit()))
					.with("perBuyerLimit", sale.perBuyerLimit());
			}
			repository.insertClaim(claimId, saleId, caller.userId(), quantity, holdUntil, now);
			return repository.find(saleId).orElseThrow();
		});
		recent.put(saleId, Optional.of(after));
		// acknowledged means on disk: a claim answered 201 survives a crash
		disk.forceToDisk();
		if (after.unitsLeft() == 0) {
			broadcasts.soldOut(after);
		}
		else {
			broadcasts.changed(saleId);
		}
		return new ClaimResult(claimId, saleId, quantity, sale.priceMinor() * quantity, sale.currency(), after.unitsLeft(),
				holdUntil, sale.practice());
	}

	private static ApiProblem refusal(FlashSale sale, int quantity, Instant now) {
		return switch (sale.statusAt(now)) {
			case COUNTDOWN -> ApiProblem.conflict("Flash sale %d starts in %d s.".formatted(sale.id(),
					Duration.between(now, sale.startsAt()).toSeconds() + 1)).with("status", "COUNTDOWN");
			case ENDED, STOPPED -> ApiProblem.conflict("Flash sale %d is over.".formatted(sale.id())).with("status", "ENDED");
			case SOLD_OUT -> ApiProblem.conflict("Sold out.").with("status", "SOLD_OUT").with("unitsLeft", 0);
			case RUNNING -> ApiProblem.conflict("Only %d units left; %d were asked for.".formatted(sale.unitsLeft(), quantity))
				.with("status", "RUNNING").with("unitsLeft", sale.unitsLeft());
		};
	}

	/** The sale if the caller may see its stream; the unknown-id 404 otherwise (a rehearsal's sale for an outsider). */
	private FlashSale find(long saleId, Optional<Caller> caller) {
		return visible(repository.find(saleId), caller);
	}

	private FlashSale visible(Optional<FlashSale> found, Optional<Caller> caller) {
		return saleStreams.visible(found, FlashSale::streamId, caller, "No such flash sale.");
	}

	/** A change told to viewers (here or from another node) makes the next claim read the sale again. */
	@EventListener
	void on(FlashSaleChanged changed) {
		recent.invalidate(changed.sale().id());
	}

}
