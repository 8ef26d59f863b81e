package io.livepulse.sales;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.shared.DiskSync;
import io.livepulse.stream.StreamEnded;

/**
 * Decides each auction whose clock ran out: SOLD to the leader (who is given the claim id the shop's purchase
 * names) or UNSOLD. Every node looks every {@code auction-close-interval}; the decision is one conditional update
 * from RUNNING with the clock out (a last bid may have set it back), so two nodes deciding the same auction record
 * one winner. A stream that ends stops its running auction without a winner:
 * purchases are taken for live streams only, so the item could not be paid for.
 */
@Component
class AuctionClosing implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(AuctionClosing.class);

	private final AuctionRepository repository;
	private final AuctionBroadcasts broadcasts;
	private final SalesProperties properties;
	private final DiskSync disk;
	private final TransactionTemplate transactions;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	AuctionClosing(AuctionRepository repository, AuctionBroadcasts broadcasts, SalesProperties properties, DiskSync disk,
			TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
		this.transactions = transactions;
		this.events = events;
		this.repository = repository;
		this.broadcasts = broadcasts;
		this.properties = properties;
		this.disk = disk;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::decideDue, properties.auctionCloseInterval());
	}

	void decideDue() {
		Instant now = clock.instant();
		for (long id : repository.due(now)) {
			if (Boolean.TRUE.equals(transactions.execute(status -> decide(id, now)))) {
				disk.forceToDisk();
				broadcasts.changed(id);
				repository.find(id).ifPresent(auction -> log.info("Auction {} of stream {} {} at {} {} after {} bids", id,
						auction.streamId(), auction.status(), auction.priceMinor(), auction.currency(), auction.bids()));
			}
		}
	}

	private boolean decide(long id, Instant now) {
		if (!repository.decide(id, UUID.randomUUID().toString(), now)) {
			return false;
		}
		repository.find(id).ifPresent(auction -> events.publishEvent(
				new AuctionDecided(auction.streamId(), AuctionView.of(auction, now, false, null))));
		return true;
	}

	/**
	 * The stream's end decides an auction whose clock had run out by then, as the close job would have within a
	 * tick (its leader won before the end), and stops the ones still running. Each decision commits before it is
	 * broadcast (the listener has no transaction of its own around them).
	 */
	@Async
	@TransactionalEventListener
	void on(StreamEnded ended) {
		Instant now = clock.instant();
		for (long id : repository.runningOf(ended.streamId())) {
			if (Boolean.TRUE.equals(transactions.execute(status -> decide(id, ended.endedAt())))) {
				disk.forceToDisk();
				broadcasts.changed(id);
			}
			else if (repository.stop(id, "stream-ended", now, true)) {
				broadcasts.changed(id);
			}
		}
	}
}
