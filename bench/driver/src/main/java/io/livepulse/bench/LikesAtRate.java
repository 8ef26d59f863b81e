package io.livepulse.bench;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Likers at a given rate: N signed-in users liking R times a second in all for S seconds, open-loop
 * over K keep-alive connections. Like i is due at start + i/R and its acknowledgement time counts
 * from then, so a stall in the service is not hidden by the generator waiting for it. Reports how
 * many likes were due, acknowledged and refused, the acknowledgement times, and whether the service
 * counted exactly the acknowledged likes. A 3 s pass at the same rate goes first, unmeasured. Each
 * pass stops at its length + 30 seconds whatever happens.
 */
final class LikesAtRate {

	private LikesAtRate() {
	}

	static void run(Options options) throws Exception {
		String base = options.loopback("base");
		String stream = options.get("stream");
		int users = options.integer("users", 2000);
		int rate = Math.clamp(options.integer("rate", 2000), 1, 50_000);
		int seconds = Math.min(options.integer("seconds", 10), 120);
		int connections = Math.clamp(options.integer("connections", 64), 1, 1024);
		List<String> authorizations = LikeWrk.tokens(base, users).stream()
			.map(token -> "Authorization: Bearer " + token + "\r\n").toList();
		int warmupSeconds = Math.min(options.integer("warmup-seconds", 3), 60);
		URI uri = URI.create(base);
		String path = "/api/streams/" + stream + "/likes";
		// not measured: the generator's own JIT compilation and first connections
		new Pass(uri, path, authorizations, rate, connections).run(warmupSeconds);
		long before = LikeWrk.likes(base, stream);
		Pass pass = new Pass(uri, path, authorizations, rate, connections);
		long due = pass.run(seconds);
		long counted = LikeWrk.likes(base, stream) - before;
		options.record("likesAtRate.rate", rate);
		options.record("likesAtRate.seconds", seconds);
		options.record("likesAtRate.warmupSeconds", warmupSeconds);
		options.record("likesAtRate.connections", connections);
		options.record("likesAtRate.due", due);
		options.record("likesAtRate.acknowledged", pass.acknowledged.get());
		options.record("likesAtRate.refusedOrFailed", pass.refused.get());
		// due but never sent: the pass reached its hard stop first
		options.record("likesAtRate.notSent", due - pass.acknowledged.get() - pass.refused.get());
		options.record("likesAtRate.perSecond", Math.round(pass.acknowledged.get() / pass.elapsedSeconds));
		options.record("likesAtRate.p50Ms", Latencies.ms(pass.sinceDue.percentileMillis(50)));
		options.record("likesAtRate.p99Ms", Latencies.ms(pass.sinceDue.percentileMillis(99)));
		options.record("likesAtRate.maxMs", Latencies.ms(pass.sinceDue.percentileMillis(100)));
		options.record("likesAtRate.countedByService", counted);
		options.record("likesAtRate.exact", counted == pass.acknowledged.get());
	}

	/** One open-loop pass: like i is due at start + i/rate, spread over the connections. */
	private static final class Pass {

		private final URI uri;
		private final String path;
		private final List<String> authorizations;
		private final int rate;
		private final int connections;
		private final AtomicLong acknowledged = new AtomicLong();
		private final AtomicLong refused = new AtomicLong();
		private final Latencies sinceDue = new Latencies();
		private double elapsedSeconds;

		Pass(URI uri, String path, List<String> authorizations, int rate, int connections) {
			this.uri = uri;
			this.connections = connections;
			this.path = path;
			this.authorizations = authorizations;
			this.rate = rate;
		}

		/** Returns how many likes were due; stops at seconds + 30 whatever happens. */
		long run(int seconds) {
			AtomicLong tickets = new AtomicLong();
			long due = (long) rate * seconds;
			long spacing = 1_000_000_000L / rate;
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
								like(connection, authorizations.get((int) (i % authorizations.size())), dueAt);
							}
						}
						return null;
					});
				}
			}
			elapsedSeconds = (System.nanoTime() - start) / 1e9;
			return due;
		}

		private void like(RawHttp connection, String authorization, long dueAt) {
			try {
				if (connection.request("POST", path, authorization) == 200) {
					acknowledged.incrementAndGet();
					sinceDue.add((System.nanoTime() - dueAt) / 1000);
				}
				else {
					refused.incrementAndGet();
				}
			}
			catch (Exception ex) {
				refused.incrementAndGet();
			}
		}
	}
}
