package io.livepulse.sales;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * on this node is announced to the others, which read the sale again and tell their own viewers.
 */
@Component
class FlashSaleBroadcasts implements SchedulingConfigurer {

	static final String TOPIC = "flash-sale";

	private final FlashSaleRepository repository;
	private final ApplicationEventPublisher events;
	private final ClusterAnnouncements cluster;
	private final SalesProperties properties;
	private final Clock clock;
	/** Sales changed since the last broadcast: here (announce too) or on another node (tell this node's viewers only). */
	private final Set<Long> changedHere = ConcurrentHashMap.newKeySet();
	private final Set<Long> changedElsewhere = ConcurrentHashMap.newKeySet();

	FlashSaleBroadcasts(FlashSaleRepository repository, ApplicationEventPublisher events, ClusterAnnouncements cluster,
			SalesProperties properties, Clock clock) {
		this.repository = repository;
		this.events = events;
		this.cluster = cluster;
		this.properties = properties;
		this.clock = clock;
	}

	void changed(long saleId) {
		changedHere.add(saleId);
	}

	@EventListener
	void on(ChangedOnAnotherNode changed) {
		if (TOPIC.equals(changed.topic())) {
			changedElsewhere.add(changed.item());
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::broadcast, properties.broadcastInterval());
	}

	void broadcast() {
		for (Long saleId : changedHere) {
			changedHere.remove(saleId);
			changedElsewhere.remove(saleId);
			repository.find(saleId).ifPresent(sale -> {
				publish(sale);
				cluster.announce(TOPIC, sale.streamId(), sale.id());
			});
		}
		for (Long saleId : changedElsewhere) {
			changedElsewhere.remove(saleId);
			repository.find(saleId).ifPresent(this::publish);
		}
	}

	private void publish(FlashSale sale) {
		events.publishEvent(new FlashSaleChanged(sale.streamId(), FlashSaleView.of(sale, clock.instant(), false)));
	}
}
