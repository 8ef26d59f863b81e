package io.livepulse.bench;

import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server on a loopback port for the PostgreSQL half of the run; stops when killed. */
final class PgServer {

	private PgServer() {
	}

	static void run(Options options) throws Exception {
		int port = options.integer("port", 15432);
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port)
			.setDataDirectory(Path.of(options.get("dir"))).setCleanDataDirectory(true)
			.setServerConfig("listen_addresses", "127.0.0.1").start()) {
			System.out.println("ready jdbc:postgresql://127.0.0.1:" + port + "/postgres");
			Thread.currentThread().join();
		}
	}
}
