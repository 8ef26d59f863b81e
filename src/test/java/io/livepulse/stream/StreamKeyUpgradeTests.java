package io.livepulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.livepulse.LivePulseApplication;
import io.livepulse.support.ApiClient;
import io.livepulse.support.EmbeddedPostgres;
import io.livepulse.support.TestGroups;

/**
 * A database the previous release left (every migration before V46, with V45, keys in plain text) is upgraded by
 * the service's own start-up: the keys are hashed and sealed, the plain column is gone, the owner still
 * reads the same key and the media hooks' lookup still finds its stream.
 */
class StreamKeyUpgradeTests {

	@TempDir
	Path data;

	@Test
	void plainKeysAreHashedSealedAndDroppedOnUpgradeOnH2() throws Exception {
		// a file, as the embedded default keeps it
		upgrade("jdbc:h2:file:" + data.resolve("data/livepulse")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
	}

	@Tag(TestGroups.POSTGRES)
	@Test
	void plainKeysAreHashedSealedAndDroppedOnUpgradeOnPostgres() throws Exception {
		upgrade(EmbeddedPostgres.newDatabaseUrl(), "postgres", "postgres");
	}

	private void upgrade(String url, String user, String password) throws Exception {
		Path previousRelease = Files.createDirectories(data.resolve("migrations"));
		try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
			// the release before V46: every migration numbered below it
			for (Path file : files.filter(file -> Integer.parseInt(file.getFileName().toString().replaceAll("^V(\\d+).*", "$1")) < 46)
				.toList()) {
				Files.copy(file, previousRelease.resolve(file.getFileName()));
			}
		}
		Flyway.configure().dataSource(url, user, password).locations("filesystem:" + previousRelease).load().migrate();
		JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url, user, password));
		String key = new StreamKeys().next(456, Instant.now()).value();
		jdbc.sql("""
				insert into live_streams (vendor_id, title, mode, status, stream_key, created_at, settings_snapshot)
				values (456, 'From before', :mode, :status, :key, :now, '{}')
				""").param("mode", "LIVE").param("status", "CREATED").param("key", key)
			.param("now", java.sql.Timestamp.from(Instant.now())).update();
		long id = jdbc.sql("select id from live_streams where stream_key = :key").param("key", key).query(Long.class).single();

		try (ConfigurableApplicationContext upgraded = SpringApplication.run(LivePulseApplication.class, "--server.port=0",
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
				"--spring.datasource.password=" + password,
				"--livepulse.stream.dev-secret-file=" + data.resolve("dev-stream-key-secret"))) {
			ApiClient api = new ApiClient(((WebServerApplicationContext) upgraded).getWebServer().getPort());
			String seller = api.token("seller-1", "SELLER", 456L);

			assertThat(api.get("/api/streams/" + id + "/key", seller).json().get("streamKey").asString()).isEqualTo(key);
			assertThat(upgraded.getBean(StreamKeyService.class).findByKey(key)).map(Stream::id).contains(id);
			Map<String, Object> row = jdbc.sql("select * from live_streams where id = :id").param("id", id).query()
				.singleRow();
			assertThat(row).doesNotContainKey("stream_key").containsEntry("stream_key_hash", StreamKeyCipher.hash(key));
			assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(key.split("_", 4)[3]));
		}
	}
}
