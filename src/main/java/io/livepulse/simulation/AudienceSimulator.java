package io.livepulse.simulation;

import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.modulith.events.ApplicationModuleListener;

import io.livepulse.cluster.Leadership;
import io.livepulse.engagement.InteractionService;
import io.livepulse.presence.PresenceService;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamService;

/**
 * Moves a simulated audience on live REHEARSAL streams, on a scheduled tick. It refuses any
 * stream that is not a rehearsal: a public stream's numbers are real, always.
 */
@Service
public class AudienceSimulator implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(AudienceSimulator.class);

	private final StreamService streams;
	private final PresenceService presence;
	private final InteractionService interactions;
	private final SimulationProperties properties;
	private final RandomGenerator random;
	private final Leadership leadership;
	private final Counter ticks;
	private final Map<Long, SimulationModel.Audience> audiences = new ConcurrentHashMap<>();

	AudienceSimulator(StreamService streams, PresenceService presence, InteractionService interactions,
			SimulationProperties properties, ObjectProvider<RandomGenerator> random, Leadership leadership,
			MeterRegistry meters) {
		this.leadership = leadership;
		this.ticks = Counter.builder("livepulse.simulator.ticks").description("simulator ticks run on this node")
			.register(meters);
		this.streams = streams;
		this.presence = presence;
		this.interactions = interactions;
		this.properties = properties;
		this.random = random.getIfAvailable(SplittableRandom::new);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedRateTask(this::tick, properties.tick());
	}

	/** On one node at a time (the lease holder), so simulated figures never double with several nodes. */
	void tick() {
		if (!leadership.isLeader()) {
			return;
		}
		ticks.increment();
		double tickSeconds = properties.tick().toMillis() / 1000.0;
		for (Stream stream : streams.liveStreams()) {
			if (stream.isRehearsal()) {
				try {
					simulate(stream, tickSeconds);
				}
				catch (RuntimeException ex) {
					log.warn("Simulation tick failed for rehearsal {}", stream.id(), ex);
				}
			}
		}
	}

	/** One tick for one stream. Package-visible for tests that drive time themselves. */
	void simulate(Stream stream, double tickSeconds) {
		if (!stream.isRehearsal()) {
			throw new IllegalStateException("The audience simulator runs on rehearsal streams only; stream "
					+ stream.id() + " is " + stream.mode() + ".");
		}
		if (!stream.isLive()) {
			return;
		}
		SimulationModel.Audience audience = audiences.computeIfAbsent(stream.id(), id -> new SimulationModel.Audience());
		int viewers;
		synchronized (audience) {
			if (stream.settings().simulatedViewersEnabled()) {
				int real = presence.snapshot(stream.id()).viewers();
				viewers = SimulationModel.step(audience, real, stream.settings(), tickSeconds, random);
			}
			else {
				audience.viewers = 0;
				viewers = 0;
			}
		}
		int likes = SimulationModel.likes(viewers, stream.settings(), tickSeconds, random);
		if (likes > 0) {
			interactions.recordSimulatedLikes(stream.id(), likes);
		}
	}

	/** The simulated audience of a rehearsal; empty for every other stream. */
	public Optional<SimulatedAudience> audienceOf(Stream stream) {
		if (!stream.isRehearsal()) {
			return Optional.empty();
		}
		SimulationModel.Audience audience = audiences.get(stream.id());
		int viewers = audience == null || !stream.isLive() ? 0 : audience.viewers;
		return Optional.of(new SimulatedAudience(viewers, interactions.counts(stream.id()).simulatedLikes()));
	}

	@ApplicationModuleListener
	void on(StreamEnded ended) {
		audiences.remove(ended.streamId());
	}
}
