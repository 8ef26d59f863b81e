package io.livepulse.analytics;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.modulith.events.ApplicationModuleListener;

import io.livepulse.engagement.EngagementCounts;
import io.livepulse.cluster.Leadership;
import io.livepulse.engagement.InteractionService;
import io.livepulse.presence.PresenceService;
import io.livepulse.simulation.AudienceSimulator;
import io.livepulse.simulation.SimulatedAudience;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStarted;

/** Records every live stream's real (and, for rehearsals, simulated) figures on a fixed interval. */
@Component
class TimelineSampler implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(TimelineSampler.class);

	private final StreamService streams;
	private final PresenceService presence;
	private final InteractionService interactions;
	private final AudienceSimulator simulator;
	private final SampleRepository samples;
	private final AnalyticsProperties properties;
	private final Clock clock;
	private final Leadership leadership;

	TimelineSampler(StreamService streams, PresenceService presence, InteractionService interactions,
			AudienceSimulator simulator, SampleRepository samples, AnalyticsProperties properties, Clock clock,
			Leadership leadership) {
		this.leadership = leadership;
		this.properties = properties;
		this.streams = streams;
		this.presence = presence;
		this.interactions = interactions;
		this.simulator = simulator;
		this.samples = samples;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedRateTask(this::sampleLiveStreams, properties.sampleInterval());
	}

	/** On one node at a time (the lease holder), so samples never double with several nodes. */
	void sampleLiveStreams() {
		if (!leadership.isLeader()) {
			return;
		}
		for (Stream listed : streams.liveStreams()) {
			try {
				// the stream may have ended while the ones before it were sampled
				Stream stream = streams.find(listed.id()).filter(Stream::isLive).orElse(null);
				if (stream == null) {
					continue;
				}
				sample(stream, presence.snapshot(stream.id()).viewers());
			}
			catch (RuntimeException ex) {
				log.warn("Could not sample stream {}", listed.id(), ex);
			}
		}
	}

	@EventListener
	void on(StreamStarted started) {
		streams.find(started.streamId()).ifPresent(stream -> sample(stream, 0));
	}

	/** The closing point of the timeline carries the frozen final figures. */
	@ApplicationModuleListener
	void on(StreamEnded ended) {
		streams.find(ended.streamId()).ifPresent(stream -> {
			SimulatedAudience simulated = simulator.audienceOf(stream).orElse(null);
			samples.insert(stream.id(), new SampleRepository.Row(ended.endedAt(), ended.finalMetrics().finalViewers(),
					ended.finalMetrics().likes(), simulated == null ? null : 0,
					simulated == null ? null : simulated.likes()));
		});
	}

	private void sample(Stream stream, int realViewers) {
		EngagementCounts counts = interactions.counts(stream.id());
		SimulatedAudience simulated = simulator.audienceOf(stream).orElse(null);
		samples.insert(stream.id(), new SampleRepository.Row(clock.instant(), realViewers, counts.likes(),
				simulated == null ? null : simulated.viewers(), simulated == null ? null : simulated.likes()));
	}
}
