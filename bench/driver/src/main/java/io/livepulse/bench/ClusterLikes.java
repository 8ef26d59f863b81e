package io.livepulse.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exact check of the cluster pass: a fresh LIVE stream, exactly {@code --likes} likes sent through the
 * load balancer on {@code --connections} clients that each read every answer (so, unlike wrk at its stop,
 * nothing is left unanswered), then the acknowledged likes (200s) must equal the rows in the database,
 * the total every node reports, and the final metrics once the stream is ended on one node.
 */
final class ClusterLikes {

	private ClusterLikes() {
	}

	static void run(Options options) throws Exception {
		String base = options.loopback("base");
		List<String> nodes = new ArrayList<>();
		for (String node : options.get("nodes").split(",")) {
			nodes.add(new Options(java.util.Map.of("node", node)).loopback("node"));
		}
		int likes = Math.min(options.integer("likes", 2000), 20_000);
		int connections = Math.min(options.integer("connections", 16), 256);
		List<String> tokens = Files.readAllLines(Path.of(options.get("tokens")));
		String seller = Jwt.mint(options.get("secret"), "bench-seller", "SELLER", 1L, 3600);

		String id = Http.field(Http.post(base + "/api/streams", seller, "{\"title\":\"cluster exact\"}").body(), "id");
		if (Http.post(base + "/api/streams/" + id + "/start", seller, null).statusCode() != 200) {
			throw new IllegalStateException("could not start the stream");
		}
		AtomicInteger next = new AtomicInteger();
		AtomicLong acknowledged = new AtomicLong();
		AtomicLong refused = new AtomicLong();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < connections; c++) {
				clients.submit(() -> {
					for (int i = next.getAndIncrement(); i < likes && System.nanoTime() < deadline; i = next.getAndIncrement()) {
						HttpRequest like = HttpRequest.newBuilder(URI.create(base + "/api/streams/" + id + "/likes"))
							.header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
							.timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
						int status = Http.CLIENT.send(like, HttpResponse.BodyHandlers.discarding()).statusCode();
						(status == 200 ? acknowledged : refused).incrementAndGet();
					}
					return null;
				});
			}
		}
		// each node raises its displayed total to the shared row within a second
		List<Long> reported = awaitNodes(nodes, id, count(options, id));
		long stored = count(options, id);
		if (Http.post(base + "/api/streams/" + id + "/end", seller, "{\"save\":true}").statusCode() != 200) {
			throw new IllegalStateException("could not end the stream");
		}
		long finalLikes = finalLikes(options, id);
		boolean exact = acknowledged.get() == stored && reported.stream().allMatch(total -> total == stored)
				&& finalLikes == stored;

		options.record("exact.likesSent", likes);
		options.record("exact.connections", connections);
		options.record("exact.acknowledged", acknowledged.get());
		options.record("exact.refused", refused.get());
		options.record("exact.databaseRows", stored);
		options.record("exact.reportedByNodes", reported.toString().replace(" ", ""));
		options.record("exact.finalMetricsLikes", finalLikes);
		options.record("exact.exact", exact);
	}

	private static List<Long> awaitNodes(List<String> nodes, String id, long stored) throws Exception {
		long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (true) {
			List<Long> reported = new ArrayList<>();
			for (String node : nodes) {
				reported.add(LikeWrk.likes(node, id));
			}
			if (reported.stream().allMatch(total -> total == stored) || System.nanoTime() > until) {
				return reported;
			}
			Thread.sleep(200);
		}
	}

	private static long count(Options options, String id) throws Exception {
		return single(options, "select count(*) from stream_interactions where stream_id = ? and interaction_type = 'LIKE'", id);
	}

	private static long finalLikes(Options options, String id) throws Exception {
		return single(options, "select like_count from live_streams where id = ?", id);
	}

	private static long single(Options options, String sql, String id) throws Exception {
		try (Connection connection = DriverManager.getConnection(options.get("jdbc"), options.get("user"),
				options.get("password")); PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, Long.parseLong(id));
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}
}
