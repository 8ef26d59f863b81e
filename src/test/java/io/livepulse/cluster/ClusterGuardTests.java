package io.livepulse.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import io.livepulse.LivePulseApplication;
import io.livepulse.support.ClusterNodes;
import io.livepulse.support.Databases;
import io.livepulse.support.EmbeddedPostgres;

/** Cluster mode refuses to start on the embedded H2 database or without a configured JWT secret. */
class ClusterGuardTests {

	private static final String SECRET = ClusterNodes.SECRET;

	private static String[] args(String databaseUrl, String secret) {
		return new String[] { "--server.port=0", "--livepulse.push.event-port=-1",
				"--livepulse.cluster.redis-url=redis://127.0.0.1:1", "--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--livepulse.security.jwt-secret=" + secret };
	}

	@Test
	void clusterModeOnH2DoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, args(Databases.freshH2Url(), SECRET)))
			.hasStackTraceContaining("Cluster mode (livepulse.cluster.redis-url is set) needs PostgreSQL");
	}

	@Test
	void clusterModeWithoutAConfiguredSecretDoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class,
				args(EmbeddedPostgres.newDatabaseUrl(), "")))
			.hasStackTraceContaining("needs the same configured JWT secret on every node");
	}
}
