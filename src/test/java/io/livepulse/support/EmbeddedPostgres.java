package io.livepulse.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded binaries; no Docker needed). Each caller
 * (each test context started, see {@link FreshDatabase}) gets its own fresh database.
 */
public final class EmbeddedPostgres {

	private static final AtomicInteger DATABASES = new AtomicInteger();
	private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

	private EmbeddedPostgres() {
	}

	public static synchronized String newDatabaseUrl() {
		try {
			if (server == null) {
				// closed after Spring has closed the cached test contexts, whose last flushes still need the
				// database; zonky's own JVM hook would race them and leave them waiting for connections
				server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
					.setRegisterShutdownHook(false)
					.start();
				SpringApplication.getShutdownHandlers().add(() -> {
					try {
						server.close();
					}
					catch (IOException ignored) {
						// the JVM is exiting anyway
					}
				});
			}
			String database = "livepulse_" + DATABASES.incrementAndGet();
			try (Connection connection = server.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("create database " + database);
			}
			return server.getJdbcUrl("postgres", database);
		}
		catch (IOException | SQLException ex) {
			throw new IllegalStateException("could not start embedded PostgreSQL", ex);
		}
	}
}
