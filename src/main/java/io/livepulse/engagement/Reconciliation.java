package io.livepulse.engagement;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.config.FixedDelayTask;

import io.livepulse.cluster.ClusterProperties;
import io.livepulse.cluster.Leadership;

/**
 * Compares every counter with the interaction log; differences are reported, never silently fixed. On
 * one node its in-memory counters; in cluster mode the shared counter rows, read with the log in one
 * snapshot. The regular check runs on the lease holder only.
 */
@Component
class Reconciliation implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

	private final InteractionLog interactionLog;
	private final CounterStore counters;
	private final LikeAdmission likes;
	private final EngagementProperties properties;
	private final Clock clock;
	private final CounterRows counterRows;
	private final ClusterProperties cluster;
	private final Leadership leadership;
	private final TransactionTemplate snapshot;

	Reconciliation(InteractionLog interactionLog, CounterStore counters, LikeAdmission likes,
			EngagementProperties properties, Clock clock, CounterRows counterRows, ClusterProperties cluster,
			Leadership leadership, PlatformTransactionManager transactionManager) {
		this.counterRows = counterRows;
		this.cluster = cluster;
		this.leadership = leadership;
		this.snapshot = new TransactionTemplate(transactionManager);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		snapshot.setReadOnly(true);
		this.properties = properties;
		this.interactionLog = interactionLog;
		this.counters = counters;
		this.likes = likes;
		this.clock = clock;
	}

	ReconciliationReport reconcile() {
		likes.flush();
		if (cluster.enabled()) {
			// several nodes write: the counter rows and the log, read in one snapshot, must agree
			return snapshot.execute(status -> compare(interactionLog.totalsByStream(), counterRows.allTotals()));
		}
		return counters.alone(() -> {
			Map<Long, EngagementTotals> inMemory = new HashMap<>();
			counters.streamIds().forEach(streamId -> inMemory.put(streamId, counters.totals(streamId)));
			return compare(interactionLog.totalsByStream(), inMemory);
		});
	}

	private ReconciliationReport compare(Map<Long, EngagementTotals> logged, Map<Long, EngagementTotals> counted) {
		Set<Long> streamIds = new HashSet<>(logged.keySet());
		streamIds.addAll(counted.keySet());
		List<ReconciliationReport.Difference> differences = new ArrayList<>();
		for (long streamId : streamIds) {
			EngagementTotals inLog = logged.getOrDefault(streamId, EngagementTotals.NONE);
			EngagementTotals inMemory = counted.getOrDefault(streamId, EngagementTotals.NONE);
			compare(differences, streamId, "likes", inMemory.likes(), inLog.likes());
			compare(differences, streamId, "simulatedLikes", inMemory.simulatedLikes(), inLog.simulatedLikes());
			compare(differences, streamId, "revenueMinor", inMemory.revenueMinor(), inLog.revenueMinor());
			compare(differences, streamId, "orders", inMemory.orders(), inLog.orders());
			compare(differences, streamId, "practiceRevenueMinor", inMemory.practiceRevenueMinor(),
					inLog.practiceRevenueMinor());
			compare(differences, streamId, "practiceOrders", inMemory.practiceOrders(), inLog.practiceOrders());
		}
		return new ReconciliationReport(clock.instant(), streamIds.size(), differences.isEmpty(),
				List.copyOf(differences));
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		Duration interval = properties.reconcileInterval();
		tasks.addFixedDelayTask(new FixedDelayTask(this::reconcileRegularly, interval, interval));
	}

	void reconcileRegularly() {
		if (!leadership.isLeader()) {
			return;
		}
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
