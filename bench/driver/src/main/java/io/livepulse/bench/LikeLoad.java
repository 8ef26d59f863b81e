package io.livepulse.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** Closed-loop likers: W workers, each cycling over its share of N signed-in users, for S seconds. */
final class LikeLoad {

	private LikeLoad() {
	}

	static void run(Options options) throws Exception {
		String base = options.loopback("base");
		String stream = options.get("stream");
		int users = options.integer("users", 2000);
		int workers = options.integer("workers", 64);
		int seconds = Math.min(options.integer("seconds", 20), 120);
		List<String> tokens = new ArrayList<>(users);
		for (int i = 0; i < users; i++) {
			tokens.add(Http.token(base, "liker-" + i, "VIEWER", null));
		}
		String url = base + "/api/streams/" + stream + "/likes";
		String path = "/api/streams/" + stream + "/likes";
		Latencies latencies = new Latencies();
		AtomicLong accepted = new AtomicLong();
		AtomicLong limited = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		warmUp(url, tokens);
		long startLikes = likes(base, stream);
		long start = System.nanoTime();
		long deadline = start + seconds * 1_000_000_000L;
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int w = 0; w < workers; w++) {
				int worker = w;
				pool.submit(() -> {
					int next = worker;
					try (RawHttp connection = new RawHttp(URI.create(base))) {
					while (System.nanoTime() < deadline) {
						String token = tokens.get(next % tokens.size());
						next += workers;
						long sent = System.nanoTime();
						try {
							int status = connection.request("POST", path, "Authorization: Bearer " + token + "\r\n");
							long micros = (System.nanoTime() - sent) / 1000;
							switch (status) {
								case 200 -> {
									accepted.incrementAndGet();
									latencies.add(micros);
								}
								case 429 -> limited.incrementAndGet();
								default -> failed.incrementAndGet();
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
		long counted = likes(base, stream) - startLikes;
		options.record("likes.accepted", accepted.get());
		options.record("likes.perSecond", Math.round(accepted.get() / elapsed));
		options.record("likes.p50Ms", Latencies.ms(latencies.percentileMillis(50)));
		options.record("likes.p99Ms", Latencies.ms(latencies.percentileMillis(99)));
		options.record("likes.maxMs", Latencies.ms(latencies.percentileMillis(100)));
		options.record("likes.rejected429", limited.get());
		options.record("likes.failed", failed.get());
		options.record("likes.countedByService", counted);
		options.record("likes.exact", counted == accepted.get());
		options.record("likes.meanRowsPerCommit", meanBatch(base));
		options.record("likes.workers", workers);
		options.record("likes.users", users);
		options.record("likes.seconds", seconds);
	}

	/** A few hundred likes so the JIT has seen the path before the clock starts. */
	private static void warmUp(String url, List<String> tokens) throws Exception {
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 400; i++) {
				String token = tokens.get(i % tokens.size());
				pool.submit(() -> Http.post(url, token, null));
			}
		}
	}

	/** Mean likes per group commit over the run, from the service's own metric. */
	static String meanBatch(String base) throws Exception {
		double sum = 0;
		double count = 0;
		for (String line : Http.get(base + "/actuator/prometheus", null).body().split("\n")) {
			if (line.startsWith("livepulse_likes_batch_rows_sum")) {
				sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
			else if (line.startsWith("livepulse_likes_batch_rows_count")) {
				count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return count == 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f", sum / count);
	}

	private static long likes(String base, String stream) throws Exception {
		return Long.parseLong(Http.field(Http.get(base + "/api/streams/" + stream + "/engagement", null).body(), "likes"));
	}
}
