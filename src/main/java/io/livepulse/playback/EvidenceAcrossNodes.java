package io.livepulse.playback;

import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.livepulse.cluster.ClusterRelay;
import io.livepulse.cluster.RelayedFromAnotherNode;
import io.livepulse.media.DeliveryLogReceived;
import io.livepulse.media.WebRtcMediaFlowed;
import io.livepulse.media.WebRtcSessionLearned;
import io.livepulse.media.WebRtcSessions;

/**
 * Evidence that reaches one node only, taken here and shared with the others (cluster mode): Janus posts its statistics to one URL
 * and a CDN its log lines, so whichever node takes them relays them, batched every {@link #EVERY}, and every other
 * node takes them as its own (nginx's UDP lines need no relay: nginx sends them to every node). Each node then
 * decides for the heartbeats it takes, with the same evidence. At most {@link #HELD} items wait; more are dropped
 * rather than held without bound while Redis is away.
 */
@Component
class EvidenceAcrossNodes implements SchedulingConfigurer {

	static final String TOPIC = "playback-evidence";
	private static final Duration EVERY = Duration.ofMillis(250);
	private static final int HELD = 20_000;
	private static final String WEBRTC = "w ";
	private static final String LINE = "l ";
	private static final String SESSION = "s ";
	private static final String UNKNOWN = "-";
	private static final Pattern HANDLE = Pattern.compile("-?[0-9]{1,19}");

	private final ClusterRelay relay;
	private final PlaybackEvidence evidence;
	private final WebRtcSessions sessions;
	private final Clock clock;
	private final Queue<String> waiting = new ConcurrentLinkedQueue<>();
	private final AtomicInteger held = new AtomicInteger();

	EvidenceAcrossNodes(ClusterRelay relay, PlaybackEvidence evidence, WebRtcSessions sessions, Clock clock) {
		this.relay = relay;
		this.evidence = evidence;
		this.sessions = sessions;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		if (relay.enabled()) {
			tasks.addFixedDelayTask(this::send, EVERY);
		}
	}

	@EventListener
	void on(WebRtcMediaFlowed flowed) {
		flowed.sessions().forEach(session -> hold(WEBRTC + session.name() + " " + orUnknown(session.mountpoint()) + " "
				+ orUnknown(session.peerAddress()) + " " + (session.relayed() ? "relay" : "direct")));
	}

	/** What Janus told one node of a session, which the session's statistics reaching another node need. */
	@EventListener
	void on(WebRtcSessionLearned learned) {
		hold(SESSION + learned.handle() + " " + orUnknown(learned.mountpoint()) + " " + orUnknown(learned.peerAddress())
				+ " " + (learned.relayed() ? "relay" : "direct"));
	}

	/**
	 * A CDN's lines, read once: taken here, and relayed when they read as a request with a token, without the user
	 * agent (the rest proves nothing anywhere).
	 */
	@EventListener
	void on(DeliveryLogReceived received) {
		received.lines().forEach(line -> PlaybackLogLine.parse(line).ifPresent(parsed -> {
			evidence.take(parsed);
			if (parsed.token() != null) {
				hold(LINE + parsed.withoutUserAgent());
			}
		}));
	}

	@EventListener
	void on(RelayedFromAnotherNode relayed) {
		if (!TOPIC.equals(relayed.topic())) {
			return;
		}
		long now = clock.millis();
		relayed.payload().lines().forEach(item -> {
			String[] fields = item.substring(2).split(" ");
			if (item.startsWith(WEBRTC) && fields.length == 4) {
				evidence.webRtc(fields[0], known(fields[1]), known(fields[2]), "relay".equals(fields[3]), now);
			}
			else if (item.startsWith(SESSION) && fields.length == 4 && HANDLE.matcher(fields[0]).matches()) {
				sessions.learn(new WebRtcSessionLearned(Long.parseLong(fields[0]), known(fields[1]), known(fields[2]),
						"relay".equals(fields[3])));
			}
			else if (item.startsWith(LINE)) {
				PlaybackLogLine.parse(item.substring(LINE.length())).ifPresent(evidence::take);
			}
		});
	}

	private static String orUnknown(@Nullable String value) {
		return value == null ? UNKNOWN : value;
	}

	private static @Nullable String known(String field) {
		return UNKNOWN.equals(field) ? null : field;
	}

	private void hold(String item) {
		if (!relay.enabled() || item.indexOf('\n') >= 0 || item.indexOf('\r') >= 0) {
			return;
		}
		if (held.incrementAndGet() > HELD) {
			held.decrementAndGet();
			return;
		}
		waiting.add(item);
	}

	/** One relay per batch, each under the relay's size limit. */
	void send() {
		StringBuilder batch = new StringBuilder();
		for (String item = waiting.poll(); item != null; item = waiting.poll()) {
			held.decrementAndGet();
			if (!batch.isEmpty() && batch.length() + item.length() + 1 > ClusterRelay.MAX_PAYLOAD) {
				relay.relay(TOPIC, batch.toString());
				batch.setLength(0);
			}
			batch.append(item).append('\n');
		}
		if (!batch.isEmpty()) {
			relay.relay(TOPIC, batch.toString());
		}
	}
}
