package io.livepulse.bench;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * N anonymous viewers (each its own device cookie), each heartbeating every interval, spread
 * evenly over the interval, for S seconds, open-loop over keep-alive connections. Reports how
 * many heartbeats were due, sent and answered, how late they were, and whether the service's
 * viewer count matches the truth. Stops at S + 30 seconds whatever happens.
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
		String[] cookies = new String[viewers];
		for (int i = 0; i < viewers; i++) {
			cookies[i] = "Cookie: lp_device=" + UUID.randomUUID() + "\r\n";
		}
		URI uri = URI.create(base);
		String path = "/api/streams/" + stream + "/heartbeat";
		AtomicLong answered = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong tickets = new AtomicLong();
		Latencies lateness = new Latencies();
		long due = (long) viewers * (seconds / intervalSeconds);
		long spacing = intervalSeconds * 1_000_000_000L / viewers;
		long start = System.nanoTime() + 100_000_000L;
		long hardStop = start + (seconds + 30) * 1_000_000_000L;
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < connections; c++) {
				pool.submit(() -> {
					try (RawHttp connection = new RawHttp(uri)) {
						for (long i = tickets.getAndIncrement(); i < due && System.nanoTime() < hardStop;
								i = tickets.getAndIncrement()) {
							long dueAt = start + i * spacing;
							long wait = dueAt - System.nanoTime();
							if (wait > 0) {
								LockSupport.parkNanos(wait);
							}
							try {
								if (connection.request("POST", path, cookies[(int) (i % viewers)]) == 200) {
									answered.incrementAndGet();
									lateness.add((System.nanoTime() - dueAt) / 1000);
								}
								else {
									failed.incrementAndGet();
								}
							}
							catch (Exception ex) {
								failed.incrementAndGet();
							}
						}
					}
					return null;
				});
			}
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		int counted = Integer.parseInt(Http.field(Http.get(base + "/api/streams/" + stream + "/engagement", null).body(),
				"viewers"));
		options.record("presence.viewers", viewers);
		options.record("presence.intervalSeconds", intervalSeconds);
		options.record("presence.targetSeconds", seconds);
		options.record("presence.seconds", Math.round(elapsed));
		options.record("presence.heartbeatsDue", due);
		options.record("presence.heartbeatsAnswered", answered.get());
		options.record("presence.heartbeatsFailed", failed.get());
		options.record("presence.heartbeatsPerSecond", Math.round(answered.get() / elapsed));
		options.record("presence.requiredPerSecond", viewers / intervalSeconds);
		options.record("presence.p50LateMs", Latencies.ms(lateness.percentileMillis(50)));
		options.record("presence.p99LateMs", Latencies.ms(lateness.percentileMillis(99)));
		options.record("presence.countedViewers", counted);
		options.record("presence.countErrorPercent",
				String.format(java.util.Locale.ROOT, "%.3f", 100.0 * Math.abs(counted - viewers) / viewers));
	}
}
