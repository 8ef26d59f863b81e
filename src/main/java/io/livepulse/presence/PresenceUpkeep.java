package io.livepulse.presence;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.livepulse.settings.StreamSettings;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamEndSeen;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamService;

/**
 * Keeps presence in step with time and with the streams' lives: the prune tick closes silent
 * sessions and writes what is pending, an ended stream closes all its sessions, and a stopping
 * service writes what is still queued.
 */
@Component
class PresenceUpkeep implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(PresenceUpkeep.class);

	private final StreamService streams;
	private final LocalPresence local;
	private final @Nullable SharedPresence shared;
	private final @Nullable PresenceExchange exchange;
	private final PresenceWrites writes;
	private final PresenceProperties properties;
	private final Clock clock;

	PresenceUpkeep(StreamService streams, LocalPresence local, ObjectProvider<SharedPresence> shared,
			ObjectProvider<PresenceExchange> exchange, PresenceWrites writes, PresenceProperties properties, Clock clock) {
		this.exchange = exchange.getIfAvailable();
		this.streams = streams;
		this.local = local;
		this.shared = shared.getIfAvailable();
		this.writes = writes;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::pruneAndFlush, properties.pruneInterval());
	}

	void pruneAndFlush() {
		long now = clock.millis();
		local.pruneSilent(now, this::viewerTimeoutMillis);
		Map<Long, Integer> peaks = new HashMap<>(local.peaks());
		if (shared != null && exchange != null) {
			shared.prune(now, exchange.streamsWithHeartbeats(), this::viewerTimeoutMillis)
				.forEach((streamId, peak) -> peaks.merge(streamId, peak, Math::max));
		}
		writes.flush(peaks);
	}

	/** A stream that is gone by now: its viewers time out as on a stream with the default settings. */
	private long viewerTimeoutMillis(long streamId) {
		return streams.find(streamId).map(Stream::settings).orElse(StreamSettings.DEFAULTS).viewerTimeoutSeconds() * 1000L;
	}

	/** Writes pending joins, closed sessions and new peaks; on a database error they wait for the next tick. */
	void flush() {
		writes.flush(local.peaks());
	}

	/** Joins and peaks still queued are written before the service stops. */
	@PreDestroy
	void flushOnShutdown() {
		flush();
	}

	/** The flush it ends with runs outside this listener's transaction ({@link PresenceWrites#flush}). */
	@ApplicationModuleListener
	void on(StreamEnded ended) {
		end(ended.streamId());
	}

	/** Ended on another node (cluster mode): this node's viewers of it are closed the same way. */
	@EventListener
	void on(StreamEndSeen seen) {
		end(seen.streamId());
	}

	private void end(long streamId) {
		if (exchange != null) {
			exchange.end(streamId);
		}
		if (shared != null) {
			try {
				shared.end(streamId).forEach(closed -> writes.close(streamId, closed));
			}
			catch (RuntimeException unreachable) {
				log.warn("Could not close stream {}'s shared presence; its sessions are closed by the next prune",
						streamId, unreachable);
			}
		}
		local.end(streamId);
		flush();
		writes.forget(streamId);
	}
}
