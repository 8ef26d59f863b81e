package io.livepulse.shopping;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.livepulse.presence.PresenceService;

/**
 * Impressions: the real viewers present while a product is pinned, taken when it is pinned and
 * then every {@code impressionInterval}. Presence holds real viewers only (the rehearsal simulator's
 * audience is never in it), so no simulated viewer ever becomes an impression.
 */
@Component
class ImpressionSampler implements SchedulingConfigurer {

	private final ShowcaseService showcases;
	private final ShopFigures figures;
	private final PresenceService presence;
	private final ShoppingProperties properties;

	ImpressionSampler(ShowcaseService showcases, ShopFigures figures, PresenceService presence,
			ShoppingProperties properties) {
		this.showcases = showcases;
		this.figures = figures;
		this.presence = presence;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::sampleAll, properties.impressionInterval());
	}

	void sampleAll() {
		showcases.streamsWithPins().forEach(this::sample);
	}

	@EventListener
	void on(PinChanged changed) {
		if (changed.pinned() != null) {
			sample(changed.streamId());
		}
	}

	private void sample(long streamId) {
		showcases.pinned(streamId)
			.ifPresent(card -> figures.seen(streamId, card.productId(), presence.presentViewers(streamId)));
	}
}
