package io.livepulse.bench;

import java.net.URI;

/**
 * N anonymous viewers (each its own device cookie, signed as the service signs them: the driver is
 * given the service secret, as it is for tokens), each heartbeating every interval, spread
 * evenly over the interval, for S seconds, open-loop over keep-alive connections. Reports how
 * many heartbeats were due, sent and answered, how late they were, and whether the service's
 * viewer count matches the truth. The schedule is an {@link OpenLoop}.
 */
final class PresenceLoad {

	private PresenceLoad() {
	}

	static void run(Options options) throws Exception {
		String base = options.loopback("base");
		String stream = options.get("stream");
		int viewers = options.integer("viewers", 100_000);
		int intervalSeconds = options.integer("interval-seconds", 10);
		int seconds = Math.min(options.integer("seconds", 60), 300);
		int connections = options.integer("connections", 128);
		DeviceIdMinter minter = new DeviceIdMinter(options.get("secret"));
		String[] cookies = new String[viewers];
		for (int i = 0; i < viewers; i++) {
			cookies[i] = "Cookie: lp_device=" + minter.next() + "\r\n";
		}
		URI uri = URI.create(base);
		String path = "/api/streams/" + stream + "/heartbeat";
		OpenLoop.Posts heartbeats = new OpenLoop.Posts();
		long due = (long) viewers * (seconds / intervalSeconds);
		double elapsed = OpenLoop.run(uri, due, intervalSeconds * 1_000_000_000L / viewers, connections,
				(connection, i, dueAt) -> heartbeats.send(connection, path, cookies[(int) (i % viewers)], dueAt));
		int counted = Integer.parseInt(Http.field(Http.get(base + "/api/streams/" + stream + "/engagement", null).body(),
				"viewers"));
		options.record("presence.viewers", viewers);
		options.record("presence.intervalSeconds", intervalSeconds);
		options.record("presence.targetSeconds", seconds);
		options.record("presence.seconds", Math.round(elapsed));
		options.record("presence.heartbeatsDue", due);
		options.record("presence.heartbeatsAnswered", heartbeats.answered.get());
		options.record("presence.heartbeatsFailed", heartbeats.failed.get());
		options.record("presence.heartbeatsPerSecond", Math.round(heartbeats.answered.get() / elapsed));
		options.record("presence.requiredPerSecond", viewers / intervalSeconds);
		options.record("presence.p50LateMs", Latencies.ms(heartbeats.sinceDue.percentileMillis(50)));
		options.record("presence.p99LateMs", Latencies.ms(heartbeats.sinceDue.percentileMillis(99)));
		options.record("presence.countedViewers", counted);
		options.record("presence.countErrorPercent",
				String.format(java.util.Locale.ROOT, "%.3f", 100.0 * Math.abs(counted - viewers) / viewers));
	}
}
