package io.livepulse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.livepulse.LivePulseApplication;
import io.livepulse.support.ApiClient;

/**
 * The dev profile's generated secrets are kept in the data directory, so a restart keeps every session and
 * every stream key; that directory and the embedded database's files are their owner's only. One restart
 * serves every check: the first run signs in and creates a stream, the tests ask the second run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevSecretPersistenceTests {

	@TempDir
	static Path data;

	private Path directory;

	private ConfigurableApplicationContext restarted;

	private String tokenFromBefore;

	private long streamId;

	private String streamKey;

	@BeforeAll
	void startSignInCreateAStreamAndRestart() {
		directory = data.resolve("data");
		String databaseUrl = "jdbc:h2:file:" + directory.resolve("livepulse")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
		try (ConfigurableApplicationContext first = start(databaseUrl)) {
			ApiClient api = client(first);
			tokenFromBefore = api.token("seller-1", "SELLER", 456L);
			assertThat(api.get("/api/streams/mine", tokenFromBefore).status()).isEqualTo(200);
			var created = api.post("/api/streams", tokenFromBefore, "{\"title\":\"Kept\"}").json();
			streamId = created.get("id").asLong();
			streamKey = created.get("streamKey").asString();
		}
		restarted = start(databaseUrl);
	}

	@AfterAll
	void stop() {
		if (restarted != null) {
			restarted.close();
		}
	}

	private ConfigurableApplicationContext start(String databaseUrl) {
		return SpringApplication.run(LivePulseApplication.class, "--server.port=0", "--spring.datasource.url=" + databaseUrl,
				"--livepulse.security.dev-secret-file=" + data.resolve("dev-jwt-secret"),
				"--livepulse.stream.dev-secret-file=" + directory.resolve("dev-stream-key-secret"));
	}

	private static ApiClient client(ConfigurableApplicationContext context) {
		return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void aTokenFromBeforeARestartIsStillAcceptedAndTheSecretFileIsPrivate() throws Exception {
		assertThat(client(restarted).get("/api/streams/mine", tokenFromBefore).status())
			.as("the same session after a restart").isEqualTo(200);
		Path secret = data.resolve("dev-jwt-secret");
		assertThat(Files.readString(secret).strip()).hasSize(64);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
	}

	@Test
	void aStreamKeySurvivesARestartEncryptedAndTheDataDirectoryAndDatabaseFilesAreTheOwnersOnly() throws Exception {
		ApiClient api = client(restarted);
		String seller = api.token("seller-1", "SELLER", 456L);
		assertThat(api.get("/api/streams/" + streamId + "/key", seller).json().get("streamKey").asString())
			.as("the owner reads the same key after a restart").isEqualTo(streamKey);
		Path database = directory.resolve("livepulse.mv.db");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("dev-stream-key-secret"))))
			.isEqualTo("rw-------");
		String secretPart = streamKey.split("_", 4)[3];
		assertThat(new String(Files.readAllBytes(database), StandardCharsets.ISO_8859_1))
			.as("the key is nowhere in the database file").doesNotContain(secretPart);
	}
}
