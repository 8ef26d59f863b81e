package io.livepulse.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.livepulse.settings.SettingsChanged;
import io.livepulse.settings.SettingsService;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamKeyRotated;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStarted;

/**
 * Lifecycle and settings events between nodes, on one Redis Stream (cluster mode only). A node appends
 * what changed here once it is committed; every node reads the stream from the last id it read (so a
 * reconnect misses nothing still in the stream) and re-reads the changed stream or the settings from the
 * database, which stays the truth: the event only says where to look. A periodic database check catches
 * stream and settings changes the stream could not carry (Redis down, trimmed); other modules' announcements made
 * while Redis was down are sent again once it answers ({@link UnsentAnnouncements}).
 */
@Component
@ConditionalOnExpression(ClusterProperties.CLUSTER_MODE)
class ClusterEvents implements SmartLifecycle, SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);
	private static final Duration BLOCK = Duration.ofMillis(500);
	private static final long RELAYS_KEPT = 200;

	private final ClusterRedis redis;
	private final ClusterProperties properties;
	private final StreamService streams;
	private final SettingsService settings;
	private final ApplicationEventPublisher local;
	private volatile boolean running;
	private volatile String lastId = "";
	private volatile String lastRelayId = "";
	private final UnsentAnnouncements unsent = new UnsentAnnouncements();
	private @Nullable Thread reader;

	ClusterEvents(ClusterRedis redis, ClusterProperties properties, StreamService streams, SettingsService settings,
			ApplicationEventPublisher local) {
		this.redis = redis;
		this.properties = properties;
		this.streams = streams;
		this.settings = settings;
		this.local = local;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(StreamStarted started) {
		publish("stream", started.streamId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(StreamEnded ended) {
		publish("stream", ended.streamId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(StreamKeyRotated rotated) {
		publish("stream", rotated.streamId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(SettingsChanged changed) {
		publish("settings", 0);
	}

	/** Never fails the change it announces: the other nodes' database check finds it within seconds anyway. */
	void publish(String type, long streamId) {
		publish(type, streamId, 0);
	}

	void publish(String type, long streamId, long item) {
		Map<String, String> message = Map.of("type", type, "stream", Long.toString(streamId), "item", Long.toString(item),
				"node", properties.node());
		try {
			unsent.sendWith(this::append);
			append(message);
		}
		catch (RuntimeException unreachable) {
			unsent.add(message);
			log.warn("Could not announce a {} change to the other nodes (stream {}); sent again once Redis answers",
					type, streamId, unreachable);
		}
	}

	private void append(Map<String, String> message) {
		redis.commands().xadd(properties.eventStream(),
				XAddArgs.Builder.maxlen(properties.eventStreamLength()).approximateTrimming(), message);
	}

	/**
	 * A payload for the other nodes ({@link ClusterRelay}), on a stream of its own kept short (relays are bulky and
	 * only worth something for seconds); never fails the caller.
	 */
	void relay(String topic, String payload) {
		try {
			redis.commands().xadd(relayStream(), XAddArgs.Builder.maxlen(RELAYS_KEPT).approximateTrimming(),
					Map.of("type", "relay", "topic", topic, "payload", payload, "node", properties.node()));
		}
		catch (RuntimeException unreachable) {
			log.warn("Could not relay {} to the other nodes", topic, unreachable);
		}
	}

	private void read() {
		while (running) {
			try (StatefulRedisConnection<String, String> connection = redis
				.dedicatedConnection(BLOCK.plus(properties.commandTimeout()))) {
				if (lastId.isEmpty()) {
					lastId = newestId(connection, properties.eventStream());
				}
				if (lastRelayId.isEmpty()) {
					lastRelayId = newestId(connection, relayStream());
				}
				while (running) {
					List<StreamMessage<String, String>> messages = connection.sync().xread(
							XReadArgs.Builder.block(BLOCK).count(100),
							XReadArgs.StreamOffset.from(properties.eventStream(), lastId),
							XReadArgs.StreamOffset.from(relayStream(), lastRelayId));
					for (StreamMessage<String, String> message : messages) {
						apply(message.getBody());
						if (relayStream().equals(message.getStream())) {
							lastRelayId = message.getId();
						}
						else {
							lastId = message.getId();
						}
					}
				}
			}
			catch (RuntimeException unreachable) {
				if (running) {
					log.warn("Cannot read the cluster's events ({}); retrying in 1 s", unreachable.toString());
					sleep(Duration.ofSeconds(1));
				}
			}
		}
	}

	private static String newestId(StatefulRedisConnection<String, String> connection, String stream) {
		List<StreamMessage<String, String>> newest = connection.sync().xrevrange(stream, Range.create("-", "+"),
				Limit.create(0, 1));
		return newest.isEmpty() ? "0-0" : newest.get(0).getId();
	}

	private String relayStream() {
		return properties.eventStream() + ":relays";
	}

	private void apply(Map<String, String> event) {
		if (properties.node().equals(event.get("node"))) {
			return;
		}
		try {
			switch (event.getOrDefault("type", "")) {
				case "stream" -> streams.refresh(Long.parseLong(event.getOrDefault("stream", "0")));
				case "settings" -> settings.reload();
				case "relay" -> local.publishEvent(new RelayedFromAnotherNode(event.getOrDefault("topic", ""),
						event.getOrDefault("payload", "")));
				case "" -> log.debug("Ignoring cluster event {}", event);
				// another module's announcement (ClusterAnnouncements): that module re-reads what changed
				default -> local.publishEvent(new ChangedOnAnotherNode(event.get("type"),
						Long.parseLong(event.getOrDefault("stream", "0")), Long.parseLong(event.getOrDefault("item", "0"))));
			}
		}
		catch (RuntimeException failed) {
			log.warn("Could not apply cluster event {}; the database check will", event, failed);
		}
	}

	/** The safety net: re-reads held streams and the settings from the database, and sends what Redis missed. */
	void checkDatabase() {
		streams.refreshHeld();
		settings.reload();
		if (!unsent.isEmpty()) {
			try {
				unsent.sendWith(this::append);
			}
			catch (RuntimeException stillUnreachable) {
				log.debug("Redis still unreachable; announcements kept", stillUnreachable);
			}
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::checkDatabase, properties.stateCheckInterval());
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized void start() {
		running = true;
		reader = Thread.ofPlatform().name("cluster-events").daemon(true).start(this::read);
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (reader != null) {
			reader.interrupt();
			try {
				reader.join(BLOCK.plus(properties.commandTimeout()).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
