package io.livepulse.sales;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.stream.StreamEnded;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Gives the units of claims the shop did not settle in time back to their sale (and buyer), on one node at
 * a time; each return is a conditional update, so a claim settled meanwhile keeps its units. A stream that
 * ends stops its open sales.
 */
@Component
class FlashSaleHolds implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(FlashSaleHolds.class);
	private static final String LOCK = "sales.return-expired-holds";
	private static final int BATCH = 500;

	private final FlashSaleRepository repository;
	private final FlashSaleBroadcasts broadcasts;
	private final TransactionTemplate transactions;
	private final LockingTaskExecutor locks;
	private final SalesProperties properties;
	private final Clock clock;

	FlashSaleHolds(FlashSaleRepository repository, FlashSaleBroadcasts broadcasts, TransactionTemplate transactions,
			LockingTaskExecutor locks, SalesProperties properties, Clock clock) {
		this.repository = repository;
		this.broadcasts = broadcasts;
		this.transactions = transactions;
		this.locks = locks;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(() -> locks.executeWithLock((Runnable) this::returnExpiredHolds,
				new LockConfiguration(clock.instant(), LOCK, Duration.ofMinutes(2), Duration.ZERO)),
				properties.holdCheckInterval());
	}

	void returnExpiredHolds() {
		Instant now = clock.instant();
		int returned = 0;
		for (FlashSaleRepository.Claim claim : repository.expiredHolds(now, BATCH)) {
			if (Boolean.TRUE.equals(transactions.execute(status -> repository.expire(claim, now)))) {
				broadcasts.changed(claim.saleId());
				returned++;
			}
		}
		if (returned > 0) {
			log.info("{} expired flash-sale holds returned their units", returned);
		}
	}

	@ApplicationModuleListener
	void on(StreamEnded ended) {
		if (repository.stopAllOf(ended.streamId(), clock.instant()) > 0) {
			repository.ofStream(ended.streamId(), 1).forEach(sale -> broadcasts.changed(sale.id()));
		}
	}
}
