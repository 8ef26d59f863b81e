package io.livepulse.sales;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.livepulse.cluster.ChangedOnAnotherNode;
import io.livepulse.cluster.ClusterAnnouncements;

/** Tells viewers a giveaway opened or was drawn; another node's change is read again and told to this node's viewers. */
@Component
class GiveawayBroadcasts {

	static final String TOPIC = "giveaway";

	private final GiveawayRepository repository;
	private final ApplicationEventPublisher events;
	private final ClusterAnnouncements cluster;
	private final Clock clock;

	GiveawayBroadcasts(GiveawayRepository repository, ApplicationEventPublisher events, ClusterAnnouncements cluster,
			Clock clock) {
		this.repository = repository;
		this.events = events;
		this.cluster = cluster;
		this.clock = clock;
	}

	void tell(Giveaway giveaway) {
		publish(giveaway);
		cluster.announce(TOPIC, giveaway.streamId(), giveaway.id());
	}

	@EventListener
	void on(ChangedOnAnotherNode changed) {
		if (TOPIC.equals(changed.topic())) {
			repository.find(changed.item()).ifPresent(this::publish);
		}
	}

	private void publish(Giveaway giveaway) {
		events.publishEvent(new GiveawayChanged(giveaway.streamId(), GiveawayView.of(giveaway, clock.instant(), false)));
	}
}
