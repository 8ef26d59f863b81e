package io.livepulse.shopping;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Tells each closed minute's counted clicks once it is {@link #SETTLED} old (a click stored on another node just
 * before the minute closed is in the table by then), as one {@link ProductsClicked} per stream with clicks. A node
 * that starts looks {@link #LOOK_BACK} back, so a restart loses no minute it was down for less than that; minutes
 * told again (a restart, every node) carry the same figures and the same key, which listeners keep once.
 */
@Component
class ClickBatches implements SchedulingConfigurer {

	static final Duration SETTLED = Duration.ofSeconds(10);
	static final Duration LOOK_BACK = Duration.ofMinutes(3);
	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final FiguresRepository repository;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private Instant toldUpTo;

	ClickBatches(FiguresRepository repository, ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.events = events;
		this.clock = clock;
		this.toldUpTo = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(LOOK_BACK);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::tellClosedMinutes, Duration.ofSeconds(1));
	}

	synchronized void tellClosedMinutes() {
		Instant closedUpTo = clock.instant().minus(SETTLED).truncatedTo(ChronoUnit.MINUTES);
		if (toldUpTo.isBefore(closedUpTo.minus(LOOK_BACK))) {
			toldUpTo = closedUpTo.minus(LOOK_BACK); // after a pause (a suspended machine): the last minutes only
		}
		else if (toldUpTo.isAfter(closedUpTo)) {
			toldUpTo = closedUpTo; // the clock was set back: minutes closing from now on are told
		}
		while (toldUpTo.isBefore(closedUpTo)) {
			Instant from = toldUpTo;
			Instant to = from.plus(MINUTE);
			Map<Long, List<ProductsClicked.ProductClicks>> byStream = repository.realClicksBetween(from, to);
			byStream.forEach((streamId, products) -> events.publishEvent(new ProductsClicked(streamId, from, to, products)));
			toldUpTo = to;
		}
	}
}
