package io.livepulse.engagement;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Compares every counter with the interaction log; differences are reported, never silently fixed. */
@Component
class Reconciliation {

	private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

	private final InteractionLog interactionLog;
	private final CounterStore counters;
	private final LikeAdmission likes;
	private final Clock clock;

	Reconciliation(InteractionLog interactionLog, CounterStore counters, LikeAdmission likes, Clock clock) {
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

	@Scheduled(fixedDelayString = "${livepulse.engagement.reconcile-interval:5m}",
			initialDelayString = "${livepulse.engagement.reconcile-interval:5m}")
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
