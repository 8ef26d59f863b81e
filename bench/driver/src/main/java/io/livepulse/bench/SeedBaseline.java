package io.livepulse.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed design's like path, for comparison only (it lives in bench/, never in the service):
 * per like, one transaction with an INSERT into the log and
 * {@code UPDATE live_streams SET like_count = (SELECT COUNT(*) ...)}. Runs on the same database
 * and tables as the service, with W concurrent writers, for S seconds.
 */
final class SeedBaseline {

	private SeedBaseline() {
	}

	static void run(Options options) throws Exception {
		String url = options.get("jdbc");
		int workers = options.integer("workers", 8);
		int seconds = Math.min(options.integer("seconds", 15), 120);
		long streamId = BenchStreams.create(url, options.get("user"), options.get("password"), "seed baseline");
		AtomicLong likes = new AtomicLong();
		Latencies latencies = new Latencies();
		long start = System.nanoTime();
		long deadline = start + seconds * 1_000_000_000L;
		try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
			List<Future<?>> running = new ArrayList<>();
			for (int w = 0; w < workers; w++) {
				int worker = w;
				running.add(pool.submit(() -> {
					try (Connection connection = DriverManager.getConnection(url, options.get("user"), options.get("password"));
							PreparedStatement insert = connection.prepareStatement("""
									insert into stream_interactions (stream_id, user_id, interaction_type, is_simulated, created_at)
									values (?, ?, 'LIKE', false, ?)""");
							PreparedStatement recount = connection.prepareStatement("""
									update live_streams set like_count = (select count(*) from stream_interactions
									 where stream_id = ? and interaction_type = 'LIKE') where id = ?""")) {
						connection.setAutoCommit(false);
						int n = 0;
						while (System.nanoTime() < deadline) {
							long sent = System.nanoTime();
							insert.setLong(1, streamId);
							insert.setString(2, "seed-" + worker + "-" + (n++ % 100));
							insert.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
							insert.executeUpdate();
							recount.setLong(1, streamId);
							recount.setLong(2, streamId);
							recount.executeUpdate();
							connection.commit();
							likes.incrementAndGet();
							latencies.add((System.nanoTime() - sent) / 1000);
						}
					}
					return null;
				}));
			}
			for (Future<?> future : running) {
				future.get();
			}
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		try (Connection connection = DriverManager.getConnection(url, options.get("user"), options.get("password"));
				ResultSet count = connection.createStatement()
					.executeQuery("select like_count from live_streams where id = " + streamId)) {
			count.next();
			options.record("seed.likeCountColumn", count.getLong(1));
		}
		options.record("seed.likes", likes.get());
		options.record("seed.perSecond", Math.round(likes.get() / elapsed));
		options.record("seed.p99Ms", Latencies.ms(latencies.percentileMillis(99)));
		options.record("seed.workers", workers);
	}
}
