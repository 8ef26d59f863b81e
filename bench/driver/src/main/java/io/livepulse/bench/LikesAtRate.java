package io.livepulse.bench;

import java.net.URI;
import java.util.List;

/**
 * Likers at a given rate: N signed-in users liking R times a second in all for S seconds, open-loop
 * over K keep-alive connections. Like i is due at start + i/R and its acknowledgement time counts
 * from then, so a stall in the service is not hidden by the generator waiting for it. Reports how
 * many likes were due, acknowledged and refused, the acknowledgement times, and whether the service
 * counted exactly the acknowledged likes. A 3 s pass at the same rate goes first, unmeasured; each
 * pass is an {@link OpenLoop}.
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
		List<String> authorizations = Http.viewerTokens(base, "liker-", users).stream()
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
		options.record("likesAtRate.acknowledged", pass.likes.answered.get());
		options.record("likesAtRate.refusedOrFailed", pass.likes.failed.get());
		// due but never sent: the pass reached its hard stop first
		options.record("likesAtRate.notSent", due - pass.likes.answered.get() - pass.likes.failed.get());
		options.record("likesAtRate.perSecond", Math.round(pass.likes.answered.get() / pass.elapsedSeconds));
		options.record("likesAtRate.p50Ms", Latencies.ms(pass.likes.sinceDue.percentileMillis(50)));
		options.record("likesAtRate.p99Ms", Latencies.ms(pass.likes.sinceDue.percentileMillis(99)));
		options.record("likesAtRate.maxMs", Latencies.ms(pass.likes.sinceDue.percentileMillis(100)));
		options.record("likesAtRate.countedByService", counted);
		options.record("likesAtRate.exact", counted == pass.likes.answered.get());
	}

	/** One open-loop pass: like i is due at start + i/rate. */
	private static final class Pass {

		private final URI uri;
		private final String path;
		private final List<String> authorizations;
		private final int rate;
		private final int connections;
		private final OpenLoop.Posts likes = new OpenLoop.Posts();
		private double elapsedSeconds;

		Pass(URI uri, String path, List<String> authorizations, int rate, int connections) {
			this.uri = uri;
			this.path = path;
			this.authorizations = authorizations;
			this.rate = rate;
			this.connections = connections;
		}

		/** Returns how many likes were due. */
		long run(int seconds) {
			long due = (long) rate * seconds;
			elapsedSeconds = OpenLoop.run(uri, due, 1_000_000_000L / rate, connections, (connection, i, dueAt) ->
					likes.send(connection, path, authorizations.get((int) (i % authorizations.size())), dueAt));
			return due;
		}
	}
}
