package io.livepulse.stream;

import java.util.List;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Flyway version 46.1, between {@code V46__stream_key_hash.sql} and {@code V46_2__...}: hashes and seals
 * the keys of streams stored before keys left plain text. In Java because sealing needs the configured
 * secret; Spring Boot hands every {@link JavaMigration} bean to Flyway.
 */
@Component
class SealStreamKeysMigration implements JavaMigration {

	private final StreamKeyCipher keys;

	SealStreamKeysMigration(StreamKeyCipher keys) {
		this.keys = keys;
	}

	private record PlainKey(long id, String key) {
	}

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("46.1");
	}

	@Override
	public String getDescription() {
		return "stream keys hashed and sealed";
	}

	@Override
	public @Nullable Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) {
		JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
		List<PlainKey> plain = jdbc.sql("select id, stream_key from live_streams where stream_key is not null")
			.query((rs, row) -> new PlainKey(rs.getLong("id"), rs.getString("stream_key"))).list();
		for (PlainKey row : plain) {
			StreamKey key = new StreamKey(row.key());
			jdbc.sql("""
					update live_streams set stream_key_hash = :keyHash, stream_key_sealed = :keySealed
					 where id = :id
					""")
				.param("keyHash", StreamKeyCipher.hash(key.value())).param("keySealed", keys.seal(key))
				.param("id", row.id()).update();
		}
	}
}
