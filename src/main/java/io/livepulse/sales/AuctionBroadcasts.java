package io.livepulse.sales;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.livepulse.cluster.ChangedOnAnotherNode;
import io.livepulse.cluster.ClusterAnnouncements;

/**
 * Tells viewers an auction's standing at most once per {@code auction-broadcast-interval} (100 ms) per auction,
 * read after the last bid taken meanwhile, so a bidding war is a few events a second, the last one exact. A
 * change on this node is announced to the others, which read the auction again and tell their own viewers.
 */
@Component
class AuctionBroadcasts implements SchedulingConfigurer {

	static final String TOPIC = "auction";

	private final AuctionRepository repository;
	private final ApplicationEventPublisher events;
	private final ClusterAnnouncements cluster;
	private final SalesProperties properties;
	private final Clock clock;
	private final ChangedItems changes = new ChangedItems();

	AuctionBroadcasts(AuctionRepository repository, ApplicationEventPublisher events, ClusterAnnouncements cluster,
			SalesProperties properties, Clock clock) {
		this.repository = repository;
		this.events = events;
		this.cluster = cluster;
		this.properties = properties;
		this.clock = clock;
	}

	void changed(long auctionId) {
		changes.changedHere(auctionId);
	}

	@EventListener
	void on(ChangedOnAnotherNode changed) {
		if (TOPIC.equals(changed.topic())) {
			changes.changedElsewhere(changed.item());
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::broadcast, properties.auctionBroadcastInterval());
	}

	void broadcast() {
		changes.drain((auctionId, here) -> repository.find(auctionId).ifPresent(auction -> {
			publish(auction);
			if (here) {
				cluster.announce(TOPIC, auction.streamId(), auction.id());
			}
		}));
	}

	private void publish(Auction auction) {
		events.publishEvent(new AuctionChanged(auction.streamId(), AuctionView.of(auction, clock.instant(), false, null)));
	}
}
