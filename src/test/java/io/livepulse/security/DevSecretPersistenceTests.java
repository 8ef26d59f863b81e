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

/** The dev profile's generated signing secret is kept in the data directory, so a restart keeps every session. */
class DevSecretPersistenceTests {

	@TempDir
	Path data;

	private ConfigurableApplicationContext start(String databaseUrl) {
		return SpringApplication.run(LivePulseApplication.class, "--server.port=0", "--spring.datasource.url=" + databaseUrl,
				"--livepulse.security.dev-secret-file=" + data.resolve("dev-jwt-secret"));
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
}
