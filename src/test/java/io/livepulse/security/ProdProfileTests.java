package io.livepulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import io.livepulse.LivePulseApplication;
import io.livepulse.support.ApiClient;
import io.livepulse.support.Databases;
import io.livepulse.support.EmbeddedPostgres;
import io.livepulse.support.TestGroups;

/** The prod profile refuses to run without real secrets (JWT, stream keys, media hooks) or on H2, and serves no dev endpoints. */
@Tag(TestGroups.POSTGRES)
class ProdProfileTests {

	private static final String STRONG_SECRET = "kq3V9zR1xW7mB2tY8uN4pL6cF0hJ5sD-prod-Qe";
	private static final String STRONG_STREAM_KEY_SECRET = "Zp4Wc8Ty1Qm6Rx3Vb9Nk2Hs7Jd5Lf0Ga-keys-Ue";

	private static String[] prod(String secret) {
		return prod(secret, EmbeddedPostgres.newDatabaseUrl());
	}

	private static String[] prod(String secret, String databaseUrl) {
		return prod(secret, databaseUrl, STRONG_STREAM_KEY_SECRET);
	}

	private static String[] prod(String secret, String databaseUrl, String streamKeySecret) {
		return new String[] { "--spring.profiles.active=prod", "--server.port=0", "--livepulse.push.event-port=-1",
				"--livepulse.security.jwt-secret=" + secret, "--livepulse.stream.key-secret=" + streamKeySecret,
				"--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres" };
	}

	@Test
	void prodWithoutAJwtSecretDoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, prod("")))
			.hasStackTraceContaining("jwt-secret");
	}

	@Test
	void prodWithAShortSecretDoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, prod("short")))
			.hasStackTraceContaining("at least 32 bytes");
	}

	@Test
	void prodWithALongButGuessableSecretDoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, prod("a".repeat(40))))
			.hasStackTraceContaining("looks guessable");
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, prod("abcd".repeat(10))))
			.hasStackTraceContaining("looks guessable");
	}

	private static String[] prodWithStreamKeySecret(String streamKeySecret) {
		return prod(STRONG_SECRET, EmbeddedPostgres.newDatabaseUrl(), streamKeySecret);
	}

	@Test
	void prodWithoutAStreamKeySecretDoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, prodWithStreamKeySecret("")))
			.hasStackTraceContaining("livepulse.stream.key-secret (LIVEPULSE_STREAM_KEY_SECRET) must be set");
	}

	@Test
	void prodWithAShortOrGuessableStreamKeySecretDoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, prodWithStreamKeySecret("short")))
			.hasStackTraceContaining("livepulse.stream.key-secret must be at least 32 bytes");
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class,
				prodWithStreamKeySecret("abcd".repeat(10))))
			.hasStackTraceContaining("livepulse.stream.key-secret looks guessable");
	}

	@Test
	void prodWithMediaEnabledButNoHookSecretDoesNotStart() {
		String[] withoutHookSecret = java.util.stream.Stream.concat(java.util.Arrays.stream(prod(STRONG_SECRET)),
				java.util.stream.Stream.of("--livepulse.media.hook-secret=")).toArray(String[]::new);

		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, withoutHookSecret))
			.hasStackTraceContaining("livepulse.media.hook-secret is required");
	}

	@Test
	void prodOnTheEmbeddedH2DatabaseDoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class,
				prod(STRONG_SECRET, Databases.freshH2Url())))
			.hasStackTraceContaining("The prod profile needs PostgreSQL");
	}

	@Test
	void prodHasNoDevTokenEndpoint() {
		try (ConfigurableApplicationContext context = SpringApplication.run(LivePulseApplication.class,
				prod(STRONG_SECRET))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			ApiClient api = new ApiClient(port);

			ApiClient.Response token = api.post("/api/dev/token", null, "{\"user\":\"x\",\"role\":\"ADMIN\"}");

			assertThat(token.status()).isIn(404, 405);
			assertThat(api.get("/signin", null).status()).isEqualTo(404);
			assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
			assertThat(api.get("/v3/api-docs", null).status()).as("no API document in prod").isEqualTo(404);
		}
	}
}
