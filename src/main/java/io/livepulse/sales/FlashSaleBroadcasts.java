package io.livepulse.sales;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.livepulse.cluster.ChangedOnAnotherNode;
import io.livepulse.cluster.ClusterAnnouncements;

/**
 * Tells viewers of a sale's state at most once per {@code broadcast-interval} per sale, however many claims
 * move its units meanwhile (10,000 claims in a second are a handful of events, the last one exact). A change
 * on this node is announced to the others, which read the sale again and tell their own viewers. A sale's
 * clock moving it on (the countdown over, the time up) is told too, by every node to its own viewers.
 */
@Component
class FlashSaleBroadcasts implements SchedulingConfigurer {

	static final String TOPIC = "flash-sale";
	private static final Duration TOLD_AGAIN_AFTER_START = Duration.ofHours(1);

	private final FlashSaleRepository repository;
	private final ApplicationEventPublisher events;
	private final ClusterAnnouncements cluster;
	private final SalesProperties properties;
	private final Clock clock;
	private final ChangedItems changes = new ChangedItems();
	/** Sales told as not over, as last told: their clock is watched for the next change of status. */
	private final Map<Long, Told> watched = new ConcurrentHashMap<>();

	private record Told(FlashSale sale, Instant at) {

		boolean statusMovedBy(Instant now) {
			return sale.statusAt(now) != sale.statusAt(at);
		}
	}

	FlashSaleBroadcasts(FlashSaleRepository repository, ApplicationEventPublisher events, ClusterAnnouncements cluster,
			SalesProperties properties, Clock clock) {
		this.repository = repository;
		this.events = events;
		this.cluster = cluster;
		this.properties = properties;
		this.clock = clock;
	}

	void changed(long saleId) {
		changes.changedHere(saleId);
	}

	/** The claim that took the last unit: everyone is told at once, from the state that claim read. */
	void soldOut(FlashSale sale) {
		publish(sale);
		cluster.announce(TOPIC, sale.streamId(), sale.id());
	}

	@EventListener
	void on(ChangedOnAnotherNode changed) {
		if (TOPIC.equals(changed.topic())) {
			changes.changedElsewhere(changed.item());
		}
	}

	/**
	 * After a start nothing is watched: the sales not over, and those whose time ran out in the hour before, are
	 * read and told again at the next pass, so a sale whose clock runs out after a restart (or ran out while the
	 * service was down) is still told ended, to viewers and (once, by its event's key) to its shop's webhook.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void watchAgainAfterStart() {
		repository.notStoppedEndingAfter(clock.instant().minus(TOLD_AGAIN_AFTER_START)).forEach(changes::changedElsewhere);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::broadcast, properties.broadcastInterval());
	}

	void broadcast() {
		Instant now = clock.instant();
		watched.forEach((saleId, told) -> {
			if (told.statusMovedBy(now)) {
				changes.changedElsewhere(saleId);
			}
		});
		changes.drain((saleId, here) -> repository.find(saleId).ifPresent(sale -> {
			publish(sale);
			if (here) {
				cluster.announce(TOPIC, sale.streamId(), sale.id());
			}
		}));
	}

	private void publish(FlashSale sale) {
		Instant now = clock.instant();
		if (sale.statusAt(now).isOver()) {
			watched.remove(sale.id());
		}
		else {
			watched.put(sale.id(), new Told(sale, now));
		}
		events.publishEvent(new FlashSaleChanged(sale.streamId(), FlashSaleView.of(sale, now, false)));
	}
}
