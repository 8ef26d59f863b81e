package io.livepulse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Durable likes driven by {@code wrk} (C, the same generator as the nginx reference) with
 * {@code bench/likes.lua}: it takes far less of the shared cores than a Java client, so more of them
 * are left to the service. Every answer is counted by status; after the run the service's count must
 * hold every acknowledged like (plus at most one unanswered like per connection, sent before wrk
 * stopped) and the service's reconciliation must find its counters equal to the rows stored.
 */
final class LikeWrk {

	private LikeWrk() {
	}

	static void run(Options options) throws Exception {
		String base = options.loopback("base");
		String stream = options.get("stream");
		int users = options.integer("users", 2000);
		int threads = options.integer("threads", 2);
		int connections = options.integer("connections", 64);
		int seconds = Math.min(options.integer("seconds", 20), 120);
		int warmupSeconds = Math.min(options.integer("warmup-seconds", 20), 120);
		Path tokens = Path.of(options.get("tokens"));
		Files.write(tokens, Http.viewerTokens(base, "liker-", users));
		String url = base + "/api/streams/" + stream + "/likes";

		// warm-up, not measured: the JIT compilers still took a tenth of the service's CPU 30 s into a like pass
		wrk(tokens, threads, connections, warmupSeconds, url);
		long before = likes(base, stream);
		Map<String, String> result = wrk(tokens, threads, connections, seconds, url);
		Thread.sleep(1_000); // likes wrk sent but stopped waiting for are committed all the same
		long counted = likes(base, stream) - before;
		long accepted = Long.parseLong(result.get("lua.accepted"));
		boolean reconciled = Http.field(Http.get(base + "/api/admin/reconciliation",
				Http.token(base, "bench-admin", "ADMIN", null)).body(), "consistent").equals("true");
		double elapsed = Double.parseDouble(result.get("lua.seconds"));

		options.record("likes.generator", "wrk -t" + threads + " -c" + connections + " -d" + seconds + "s -s bench/likes.lua");
		options.record("likes.accepted", accepted);
		options.record("likes.perSecond", Math.round(accepted / elapsed));
		options.record("likes.p50Ms", result.get("lua.p50Ms"));
		options.record("likes.p99Ms", result.get("lua.p99Ms"));
		options.record("likes.maxMs", result.get("lua.maxMs"));
		options.record("likes.rejected429", result.get("lua.limited"));
		options.record("likes.failed", result.get("lua.other"));
		options.record("likes.countedByService", counted);
		// wrk stops without reading the answers to the requests it has in flight, at most one per connection
		options.record("likes.unansweredAtStop", counted - accepted);
		options.record("likes.reconciled", reconciled);
		options.record("likes.exact", reconciled && counted >= accepted && counted - accepted <= connections);
		options.record("likes.meanRowsPerCommit", meanBatch(base));
		options.record("likes.workers", connections);
		options.record("likes.users", users);
		options.record("likes.seconds", seconds);
		options.record("likes.warmupSeconds", warmupSeconds);
	}

	private static Map<String, String> wrk(Path tokens, int threads, int connections, int seconds, String url)
			throws Exception {
		ProcessBuilder builder = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
				"--latency", "-s", Path.of("bench/likes.lua").toAbsolutePath().toString(), url)
			.redirectErrorStream(true);
		builder.environment().put("LIKE_TOKENS", tokens.toAbsolutePath().toString());
		builder.environment().put("WRK_THREADS", Integer.toString(threads));
		Process wrk = builder.start();
		String output = new String(wrk.getInputStream().readAllBytes());
		if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
			throw new IllegalStateException("wrk failed: " + output);
		}
		Map<String, String> values = new HashMap<>();
		output.lines().filter(line -> line.startsWith("lua.")).forEach(line -> {
			String[] pair = line.split("=", 2);
			values.put(pair[0], pair[1]);
		});
		if (!values.containsKey("lua.accepted")) {
			throw new IllegalStateException("wrk gave no counts: " + output);
		}
		return values;
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

	static long likes(String base, String stream) throws Exception {
		return Long.parseLong(Http.field(Http.get(base + "/api/streams/" + stream + "/engagement", null).body(), "likes"));
	}
}
