package io.livepulse.bench;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop GETs at a fixed rate over a fixed set of keep-alive connections: request i is due at
 * start + i/rate and its latency is measured from when it was due, so a stalled server cannot
 * hide its queueing (no coordinated omission).
 */
final class RateGet {

	private RateGet() {
	}

	static void run(Options options) throws Exception {
		URI url = URI.create(options.loopback("url"));
		int rate = options.integer("rate");
		int seconds = Math.min(options.integer("seconds", 10), 60);
		int connections = options.integer("connections", 64);
		long total = (long) rate * seconds;
		long intervalNanos = 1_000_000_000L / rate;
		Latencies latencies = new Latencies();
		AtomicLong failed = new AtomicLong();
		AtomicLong tickets = new AtomicLong();
		long start = System.nanoTime() + 50_000_000L;
		long hardStop = start + (seconds + 20) * 1_000_000_000L;
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < connections; c++) {
				pool.submit(() -> {
					try (RawHttp connection = new RawHttp(url)) {
						for (long i = tickets.getAndIncrement(); i < total && System.nanoTime() < hardStop;
								i = tickets.getAndIncrement()) {
							long due = start + i * intervalNanos;
							long wait = due - System.nanoTime();
							if (wait > 0) {
								LockSupport.parkNanos(wait);
							}
							try {
								if (connection.request("GET", url.getRawPath(), null) == 200) {
									latencies.add((System.nanoTime() - due) / 1000);
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
		options.record("rate.target", rate);
		options.record("rate.connections", connections);
		options.record("rate.completed", latencies.count());
		options.record("rate.failed", failed.get());
		options.record("rate.p50Ms", Latencies.ms(latencies.percentileMillis(50)));
		options.record("rate.p99Ms", Latencies.ms(latencies.percentileMillis(99)));
		options.record("rate.maxMs", Latencies.ms(latencies.percentileMillis(100)));
	}
}
