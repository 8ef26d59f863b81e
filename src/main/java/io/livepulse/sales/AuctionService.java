package io.livepulse.sales;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
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
 * Starting, stopping, showing and bidding on auctions. A bid is one transaction: the standing is read, the bid
 * checked against it (at least the price plus a step, by a signed-in viewer who is not the seller, while the clock
 * runs), and the standing it leaves is stored with the bid only if no other bid was taken since (else it is read
 * again and tried again); the answer comes once that is on disk. Who may do what is as for flash sales.
 */
@Service
class AuctionService {

	private static final Logger log = LoggerFactory.getLogger(AuctionService.class);
	private static final int LISTED = 20;
	static final int BIDS_PAGE = 500;
	/** A bid in the last 10 s sets the clock back to 10 s (unless the auction is sudden death). */
	static final Duration ANTI_SNIPING = Duration.ofSeconds(10);
	private static final double BIDS_PER_SECOND = 2;
	private static final double BID_BURST = 5;
	/** Tries of a bid that another one kept overtaking before it is answered 503 (each try reads the auction again). */
	private static final int MAX_ATTEMPTS = 20;

	private final AuctionRepository repository;
	private final SaleStreams saleStreams;
	private final StreamService streams;
	private final AuctionBroadcasts broadcasts;
	private final TransactionTemplate transactions;
	private final DiskSync disk;
	private final Clock clock;
	private final TokenBuckets bidRates = new TokenBuckets(200_000, Duration.ofMinutes(2));
	/**
	 * The highest minimum bid this node has seen per auction (prices only rise): a plain bid below it is refused
	 * without a database round trip, which in a bidding war is most bids.
	 */
	private final Cache<Long, Long> minimums = Caffeine.newBuilder().maximumSize(10_000)
		.expireAfterAccess(Duration.ofMinutes(10)).build();

	AuctionService(AuctionRepository repository, SaleStreams saleStreams, StreamService streams, AuctionBroadcasts broadcasts,
			TransactionTemplate transactions, DiskSync disk, Clock clock) {
		this.repository = repository;
		this.saleStreams = saleStreams;
		this.streams = streams;
		this.broadcasts = broadcasts;
		this.transactions = transactions;
		this.disk = disk;
		this.clock = clock;
	}

	AuctionView create(long streamId, Caller caller, NewAuction request) {
		Stream stream = saleStreams.liveManaged(streamId, caller, "auctions");
		ProductCard product = saleStreams.showcased(streamId, request.productId());
		Instant now = clock.instant();
		long id = transactions.execute(status -> {
			saleStreams.lockLive(streamId);
			if (repository.hasRunning(streamId)) {
				throw ApiProblem.conflict("Stream %d already has an auction running; wait for its end or stop it."
					.formatted(streamId));
			}
			return repository.insert(streamId, request, product.title(), product.imageUrl(), product.currency(),
					now.plusSeconds(request.durationSeconds()), stream.isRehearsal(), caller.userId(), now);
		});
		log.info("Stream {} starts auction {} of product {} from {} {}{}", streamId, id, product.productId(),
				request.startingPriceMinor(), product.currency(), stream.isRehearsal() ? " as practice" : "");
		broadcasts.changed(id);
		return AuctionView.of(repository.find(id).orElseThrow(), now, true, null);
	}

	AuctionView stop(long auctionId, Caller caller) {
		Auction auction = find(auctionId, Optional.of(caller));
		streams.getManaged(auction.streamId(), caller);
		Instant now = clock.instant();
		boolean stopped = repository.stop(auctionId, caller.userId(), now, false);
		if (!stopped) {
			throw ApiProblem.conflict("Auction %d has already ended or was stopped.".formatted(auctionId));
		}
		log.info("Auction {} of stream {} stopped", auctionId, auction.streamId());
		broadcasts.changed(auctionId);
		return AuctionView.of(repository.find(auctionId).orElseThrow(), now, true, null);
	}

	AuctionView get(long auctionId, Optional<Caller> caller) {
		Auction auction = find(auctionId, caller);
		return AuctionView.of(auction, clock.instant(), saleStreams.manages(auction.streamId(), caller), you(auction, caller));
	}

	List<AuctionView> ofStream(long streamId, Optional<Caller> caller) {
		Stream stream = streams.getVisible(streamId, caller);
		boolean manager = caller.map(who -> who.mayManageStreamOf(stream.vendorId())).orElse(false);
		Instant now = clock.instant();
		return repository.ofStream(streamId, LISTED).stream()
			.map(auction -> AuctionView.of(auction, now, manager, you(auction, caller))).toList();
	}

	/** The auction's accepted bids after {@code afterSeq} (at most {@value #BIDS_PAGE}), in order. */
	List<AuctionBid> bids(long auctionId, int afterSeq, Optional<Caller> caller) {
		find(auctionId, caller);
		return repository.bids(auctionId, Math.max(0, afterSeq), BIDS_PAGE);
	}

	BidResult bid(long auctionId, Caller caller, BidRequest request) {
		Auction seen = find(auctionId, Optional.of(caller));
		if (!caller.mayLikeAndChat()) {
			throw ApiProblem.forbidden("Sign in as a viewer to bid.");
		}
		Stream stream = streams.get(seen.streamId());
		if (caller.ownsStreamOf(stream.vendorId())) {
			throw ApiProblem.forbidden("A seller cannot bid in their own auction.");
		}
		if (!stream.isLive()) {
			// the stream's end stops its auction a moment later; no bid is taken meanwhile
			throw over(seen);
		}
		if (!bidRates.tryAcquire(caller.userId(), BID_BURST, BIDS_PER_SECOND, System.nanoTime())) {
			throw ApiProblem.tooManyRequests("Too many bids; wait a moment.");
		}
		// the price only rises: a plain bid below a minimum already seen is too low now too, without a write
		Long minimumSeen = minimums.getIfPresent(auctionId);
		if (!request.proxy() && minimumSeen != null && request.amountMinor() < minimumSeen) {
			throw tooLow(minimumSeen);
		}
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			Instant now = clock.instant();
			Optional<BidResult> taken = transactions.execute(status -> take(repository.find(auctionId).orElseThrow(), caller,
					request, now));
			if (taken.isPresent()) {
				// the standing it left is committed: a plain bid below its minimum is refused here from now on
				noteMinimum(auctionId, taken.get().currentPriceMinor() + BidSteps.above(taken.get().currentPriceMinor()));
				// acknowledged means on disk: a bid answered 201 survives a crash
				disk.forceToDisk();
				broadcasts.changed(auctionId);
				return taken.get();
			}
		}
		throw ApiProblem.serviceUnavailable("So many bids at once that yours could not be placed; bid again.");
	}

	/** The bid against the auction as just read; empty when another bid was taken meanwhile (read again, try again). */
	private Optional<BidResult> take(Auction auction, Caller caller, BidRequest request, Instant now) {
		if (!auction.takesBidsAt(now)) {
			throw over(auction);
		}
		Optional<AuctionRepository.Bidder> known = repository.bidder(auction.id(), caller.userId());
		boolean leads = known.isPresent() && auction.leaderNumber() != null && known.get().number() == auction.leaderNumber();
		long minimum = auction.standing().minimumMinor();
		noteMinimum(auction.id(), minimum);
		long amount;
		long max;
		if (request.proxy()) {
			max = request.maxAmountMinor();
			amount = leads ? auction.priceMinor() : minimum;
			if (leads && max <= auction.leaderMaxMinor()) {
				throw ApiProblem.conflict("You lead already, with a maximum of %d; a new maximum must be higher."
					.formatted(auction.leaderMaxMinor())).with("reason", "LEADING");
			}
		}
		else {
			if (leads) {
				throw ApiProblem.conflict("You lead already at %d.".formatted(auction.priceMinor())).with("reason", "LEADING");
			}
			amount = request.amountMinor();
			max = amount;
		}
		if (!leads && max < minimum) {
			throw tooLow(minimum);
		}
		int number = known.map(AuctionRepository.Bidder::number).orElse(auction.bidders() + 1);
		Bidding.Outcome outcome = Bidding.bid(auction.standing(), number, amount, max);
		// only a bid that moves the price or the leader resets the clock: a leader raising their own hidden maximum
		// changes nothing anyone sees, and could otherwise keep the auction open for ever at no cost
		boolean moved = outcome.after().priceMinor() != auction.priceMinor()
				|| !java.util.Objects.equals(outcome.after().leaderNumber(), auction.leaderNumber());
		boolean extended = moved && !auction.suddenDeath()
				&& Duration.between(now, auction.endsAt()).compareTo(ANTI_SNIPING) < 0;
		Instant endsAt = extended ? now.plus(ANTI_SNIPING) : auction.endsAt();
		String leaderUserId = outcome.bidderLeads() ? caller.userId() : auction.leaderUserId();
		String leaderName = outcome.bidderLeads() ? caller.displayName() : auction.leaderName();
		if (!repository.recordBid(auction, outcome.after(), leaderUserId, leaderName, number, amount, max,
				Math.max(auction.bidders(), number), endsAt, extended, now)) {
			return Optional.empty();
		}
		// the auction's row moved from the standing read: no other bid came between, so the number is this bidder's
		if (known.isEmpty()) {
			repository.insertBidder(auction.id(), caller.userId(), number, caller.displayName(), max);
		}
		else {
			repository.raiseBidderMax(auction.id(), caller.userId(), max);
		}
		return Optional.of(new BidResult(auction.id(), outcome.after().priceMinor(), auction.currency(), outcome.bidderLeads(),
				number, Math.max(max, known.map(AuctionRepository.Bidder::maxMinor).orElse(0L)), endsAt, extended,
				auction.practice()));
	}

	private static ApiProblem tooLow(long minimum) {
		return ApiProblem.conflict("Too low: the next bid must be at least %d.".formatted(minimum))
			.with("reason", "TOO_LOW").with("minimumBidMinor", minimum);
	}

	private void noteMinimum(long auctionId, long minimum) {
		minimums.asMap().merge(auctionId, minimum, Math::max);
	}

	/** A new standing told to viewers (here or from another node) raises the minimum this node refuses below. */
	@EventListener
	void on(AuctionChanged changed) {
		noteMinimum(changed.auction().id(), changed.auction().minimumBidMinor());
	}

	private static ApiProblem over(Auction auction) {
		return ApiProblem.conflict("Auction %d has ended.".formatted(auction.id())).with("reason", "ENDED");
	}

	private AuctionView.@Nullable You you(Auction auction, Optional<Caller> caller) {
		return caller.flatMap(who -> repository.bidder(auction.id(), who.userId())).map(bidder -> {
			boolean leading = auction.leaderNumber() != null && auction.leaderNumber() == bidder.number();
			boolean won = leading && "SOLD".equals(auction.status());
			return new AuctionView.You(bidder.number(), leading, bidder.maxMinor(), won, won ? auction.winClaimId() : null);
		}).orElse(null);
	}

	private Auction find(long auctionId, Optional<Caller> caller) {
		return saleStreams.visible(repository.find(auctionId), Auction::streamId, caller, "No such auction.");
	}
}
