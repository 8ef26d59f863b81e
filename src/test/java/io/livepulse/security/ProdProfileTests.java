package io.livepulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import io.livepulse.LivePulseApplication;
import io.livepulse.support.ApiClient;
import io.livepulse.support.Databases;

/** The prod profile refuses to run without a real secret and serves no dev endpoints. */
class ProdProfileTests {

	private static String h2() {
		return "--spring.datasource.url=" + Databases.freshH2Url();
	}

	@Test
	void prodWithoutAJwtSecretDoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, "--spring.profiles.active=prod",
				"--server.port=0", "--livepulse.security.jwt-secret=", h2()))
			.hasStackTraceContaining("jwt-secret");
	}

	@Test
	void prodWithAShortSecretDoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, "--spring.profiles.active=prod",
				"--server.port=0", "--livepulse.security.jwt-secret=short", h2()))
			.hasStackTraceContaining("at least 32 bytes");
	}

	@Test
	void prodHasNoDevTokenEndpoint() {
		try (ConfigurableApplicationContext context = SpringApplication.run(LivePulseApplication.class,
				"--spring.profiles.active=prod", "--server.port=0",
				"--livepulse.security.jwt-secret=0123456789abcdef0123456789abcdef-prod", h2())) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			ApiClient api = new ApiClient(port);

			ApiClient.Response token = api.post("/api/dev/token", null, "{\"user\":\"x\",\"role\":\"ADMIN\"}");

			assertThat(token.status()).isIn(404, 405);
			assertThat(api.get("/signin", null).status()).isEqualTo(404);
			assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
		}
	}
}
