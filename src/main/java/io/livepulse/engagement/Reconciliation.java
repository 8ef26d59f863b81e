package io.livepulse.engagement;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.config.FixedDelayTask;

/** Compares every counter with the interaction log; differences are reported, never silently fixed. */
@Component
class Reconciliation implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

	private final InteractionLog interactionLog;
	private final CounterStore counters;
	private final LikeAdmission likes;
	private final EngagementProperties properties;
	private final Clock clock;

	Reconciliation(InteractionLog interactionLog, CounterStore counters, LikeAdmission likes,
			EngagementProperties properties, Clock clock) {
		this.properties = properties;
		this.interactionLog = interactionLog;
		this.counters = counters;
		this.likes = likes;
		this.clock = clock;
	}

	ReconciliationReport reconcile() {
		likes.flush();
		return counters.alone(() -> {
			Map<Long, EngagementTotals> logged = interactionLog.totalsByStream();
			Set<Long> streamIds = new HashSet<>(logged.keySet());
			streamIds.addAll(counters.streamIds());
			List<ReconciliationReport.Difference> differences = new ArrayList<>();
			for (long streamId : streamIds) {
				EngagementTotals inLog = logged.getOrDefault(streamId, EngagementTotals.NONE);
				EngagementTotals inMemory = counters.totals(streamId);
				compare(differences, streamId, "likes", inMemory.likes(), inLog.likes());
				compare(differences, streamId, "simulatedLikes", inMemory.simulatedLikes(), inLog.simulatedLikes());
				compare(differences, streamId, "revenueMinor", inMemory.revenueMinor(), inLog.revenueMinor());
				compare(differences, streamId, "orders", inMemory.orders(), inLog.orders());
			}
			return new ReconciliationReport(clock.instant(), streamIds.size(), differences.isEmpty(),
					List.copyOf(differences));
		});
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		Duration interval = properties.reconcileInterval();
		tasks.addFixedDelayTask(new FixedDelayTask(this::reconcileRegularly, interval, interval));
	}

	void reconcileRegularly() {
		ReconciliationReport report = reconcile();
		if (!report.consistent()) {
			log.warn("Counters differ from the interaction log: {}", report.differences());
		}
	}

	private static void compare(List<ReconciliationReport.Difference> differences, long streamId, String figure,
			long inMemory, long inLog) {
		if (inMemory != inLog) {
			differences.add(new ReconciliationReport.Difference(streamId, figure, inMemory, inLog));
		}
	}
}
