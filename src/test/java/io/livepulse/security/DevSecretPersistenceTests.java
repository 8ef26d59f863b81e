package io.livepulse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.livepulse.LivePulseApplication;
import io.livepulse.support.ApiClient;
import io.livepulse.support.Databases;

/**
 * The dev profile's generated secrets are kept in the data directory, so a restart keeps every session and
 * every stream key; that directory and the embedded database's files are their owner's only.
 */
class DevSecretPersistenceTests {

	@TempDir
	Path data;

	private ConfigurableApplicationContext start(String databaseUrl) {
		return SpringApplication.run(LivePulseApplication.class, "--server.port=0", "--spring.datasource.url=" + databaseUrl,
				"--livepulse.security.dev-secret-file=" + data.resolve("dev-jwt-secret"),
				"--livepulse.stream.dev-secret-file=" + data.resolve("data/dev-stream-key-secret"));
	}

	private static ApiClient client(ConfigurableApplicationContext context) {
		return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void aTokenFromBeforeARestartIsStillAcceptedAndTheSecretFileIsPrivate() throws Exception {
		String databaseUrl = Databases.freshH2Url();
		String token;
		try (ConfigurableApplicationContext first = start(databaseUrl)) {
			token = client(first).token("seller-1", "SELLER", 456L);
			assertThat(client(first).get("/api/streams/mine", token).status()).isEqualTo(200);
		}

		try (ConfigurableApplicationContext second = start(databaseUrl)) {
			assertThat(client(second).get("/api/streams/mine", token).status()).as("the same session after a restart")
				.isEqualTo(200);
		}
		Path secret = data.resolve("dev-jwt-secret");
		assertThat(Files.readString(secret).strip()).hasSize(64);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
	}

	@Test
	void aStreamKeySurvivesARestartEncryptedAndTheDataDirectoryAndDatabaseFilesAreTheOwnersOnly() throws Exception {
		Path directory = data.resolve("data");
		String databaseUrl = "jdbc:h2:file:" + directory.resolve("livepulse")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
		long id;
		String key;
		try (ConfigurableApplicationContext first = start(databaseUrl)) {
			String seller = client(first).token("seller-1", "SELLER", 456L);
			var created = client(first).post("/api/streams", seller, "{\"title\":\"Kept\"}").json();
			id = created.get("id").asLong();
			key = created.get("streamKey").asString();
		}

		try (ConfigurableApplicationContext second = start(databaseUrl)) {
			String seller = client(second).token("seller-1", "SELLER", 456L);
			assertThat(client(second).get("/api/streams/" + id + "/key", seller).json().get("streamKey").asString())
				.as("the owner reads the same key after a restart").isEqualTo(key);
		}
		Path database = directory.resolve("livepulse.mv.db");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("dev-stream-key-secret"))))
			.isEqualTo("rw-------");
		String secretPart = key.split("_", 4)[3];
		assertThat(new String(Files.readAllBytes(database), java.nio.charset.StandardCharsets.ISO_8859_1))
			.as("the key is nowhere in the database file").doesNotContain(secretPart);
	}
}
