package io.livepulse.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;

/** The durable-insert ceiling: like rows in JDBC batches of 1000, one commit per batch, one thread. */
final class JdbcCeiling {

	private JdbcCeiling() {
	}

	static void run(Options options) throws Exception {
		String url = options.get("jdbc");
		int rows = Math.min(options.integer("rows", 300_000), 5_000_000);
		int batch = 1000;
		long streamId = BenchStreams.create(url, options.get("user"), options.get("password"), "jdbc ceiling");
		long start;
		try (Connection connection = DriverManager.getConnection(url, options.get("user"), options.get("password"));
				PreparedStatement insert = connection.prepareStatement("""
						insert into stream_interactions (stream_id, user_id, interaction_type, is_simulated, created_at)
						values (?, ?, 'LIKE', false, ?)""")) {
			connection.setAutoCommit(false);
			start = System.nanoTime();
			for (int i = 0; i < rows; i++) {
				insert.setLong(1, streamId);
				insert.setString(2, "ceiling-" + (i % 1000));
				insert.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
				insert.addBatch();
				if ((i + 1) % batch == 0) {
					insert.executeBatch();
					connection.commit();
				}
			}
			insert.executeBatch();
			connection.commit();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		options.record("ceiling.rows", rows);
		options.record("ceiling.perSecond", Math.round(rows / elapsed));
	}
}
