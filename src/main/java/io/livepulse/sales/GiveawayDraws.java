package io.livepulse.sales;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.shared.DiskSync;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Draws each giveaway once its entries closed, every second on one node at a time; the draw locks the giveaway's
 * row and is recorded by a conditional update, so even two nodes drawing the same giveaway record one winner.
 */
@Component
class GiveawayDraws implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(GiveawayDraws.class);
	private static final String LOCK = "sales.draw-giveaways";

	private final GiveawayRepository repository;
	private final GiveawayBroadcasts broadcasts;
	private final TransactionTemplate transactions;
	private final LockingTaskExecutor locks;
	private final DiskSync disk;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	GiveawayDraws(GiveawayRepository repository, GiveawayBroadcasts broadcasts, TransactionTemplate transactions,
			LockingTaskExecutor locks, DiskSync disk, ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.repository = repository;
		this.broadcasts = broadcasts;
		this.transactions = transactions;
		this.locks = locks;
		this.disk = disk;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(() -> locks.executeWithLock((Runnable) this::drawDue,
				new LockConfiguration(clock.instant(), LOCK, Duration.ofMinutes(2), Duration.ZERO)), Duration.ofSeconds(1));
	}

	void drawDue() {
		Instant now = clock.instant();
		for (long id : repository.dueForDraw(now)) {
			if (Boolean.TRUE.equals(transactions.execute(status -> draw(id, now)))) {
				disk.forceToDisk();
				repository.find(id).ifPresent(giveaway -> {
					log.info("Giveaway {} of stream {} drawn: entry {} of {}", id, giveaway.streamId(), giveaway.winningEntry(),
							giveaway.entries());
					broadcasts.tell(giveaway);
				});
			}
		}
	}

	private boolean draw(long id, Instant now) {
		boolean drawn = repository.lockForDraw(id).map(seed -> {
			List<Integer> eligible = repository.eligibleEntries(id);
			if (eligible.isEmpty()) {
				return repository.drawn(id, null, null, now);
			}
			int winning = GiveawayDraw.winningEntry(seed, eligible);
			return repository.drawn(id, winning, repository.entrant(id, winning), now);
		}).orElse(false);
		if (drawn) {
			repository.find(id).ifPresent(giveaway -> events.publishEvent(
					new GiveawayDrawn(giveaway.streamId(), GiveawayView.of(giveaway, now, false))));
		}
		return drawn;
	}
}
