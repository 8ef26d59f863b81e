package io.livepulse.engagement;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.livepulse.cluster.ClusterProperties;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Cluster mode: every push interval this node reads the shared totals of the live streams (one query)
 * and raises its own counters to them, so what it shows includes the likes and purchases other nodes
 * took. Set-to-max: a read that raced a commit never lowers a figure, and the next one heals it.
 */
@Component
@ConditionalOnExpression(ClusterProperties.CLUSTER_MODE)
class SharedCounterRefresh implements SchedulingConfigurer {

	private final CounterRows counterRows;
	private final CounterStore counters;
	private final ClusterProperties properties;
	private final StreamService streams;

	SharedCounterRefresh(CounterRows counterRows, CounterStore counters, ClusterProperties properties,
			StreamService streams) {
		this.streams = streams;
		this.counterRows = counterRows;
		this.counters = counters;
		this.properties = properties;
	}

	void refresh() {
		List<Long> live = streams.liveStreams().stream().map(Stream::id).toList();
		counterRows.totalsOf(live).forEach((streamId, totals) -> counters.of(streamId).raiseTo(totals));
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::refresh, properties.counterRefreshInterval());
	}
}
