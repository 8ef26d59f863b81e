package io.livepulse.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.UUID;

/** A LIVE stream row of its own for a JDBC baseline, in the service's own schema. */
final class BenchStreams {

	private BenchStreams() {
	}

	static long create(String url, String user, String password, String title) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				PreparedStatement insert = connection.prepareStatement("""
						insert into live_streams (vendor_id, title, mode, status, stream_key_hash, stream_key_sealed,
						                          created_at, started_at, like_count, settings_snapshot)
						values (1, ?, 'LIVE', 'LIVE', ?, 'bench: no key to unseal', ?, ?, 0, '{}')""", Statement.RETURN_GENERATED_KEYS)) {
			Timestamp now = new Timestamp(System.currentTimeMillis());
			insert.setString(1, title);
			// a stream key is stored only as its hash (V46): a unique stand-in, as no encoder will use it
			insert.setString(2, UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""));
			insert.setTimestamp(3, now);
			insert.setTimestamp(4, now);
			insert.executeUpdate();
			try (ResultSet keys = insert.getGeneratedKeys()) {
				keys.next();
				return keys.getLong(1);
			}
		}
	}
}
