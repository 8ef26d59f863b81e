package io.livepulse.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import io.livepulse.LivePulseApplication;
import io.livepulse.support.ClusterNodes;
import io.livepulse.support.Databases;
import io.livepulse.support.EmbeddedPostgres;
import io.livepulse.support.TestGroups;

/**
 * Cluster mode refuses to start on the embedded H2 database, without a configured JWT secret, and with the
 * dev profile (which serves admin tokens to anyone) unless the local-test switch is set on a node bound to a
 * loopback address.
 */
class ClusterGuardTests {

	private static final String SECRET = ClusterNodes.SECRET;
	private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:1/never-reached";

	/** Command-line arguments of a dev-profile node that passes the dev-profile rule (switch on, loopback). */
	private static String[] args(String databaseUrl, String secret) {
		return new String[] { "--server.port=0", "--server.address=127.0.0.1", "--livepulse.push.event-port=-1",
				"--livepulse.cluster.allow-dev-profile=true",
				"--livepulse.cluster.redis-url=redis://127.0.0.1:1", "--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--livepulse.security.jwt-secret=" + secret };
	}

	/** A cluster-mode environment on PostgreSQL with a secret, in the dev profile (the default) unless changed. */
	private static MockEnvironment clusterEnvironment() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("livepulse.cluster.redis-url", "redis://127.0.0.1:6379")
			.withProperty("spring.datasource.url", POSTGRES)
			.withProperty("livepulse.security.jwt-secret", SECRET);
		environment.setDefaultProfiles("dev");
		return environment;
	}

	private static void guard(MockEnvironment environment) {
		ClusterGuard guard = new ClusterGuard();
		guard.setEnvironment(environment);
		guard.postProcessBeanFactory(new DefaultListableBeanFactory());
	}

	@Test
	void clusterModeOnH2DoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, args(Databases.freshH2Url(), SECRET)))
			.hasStackTraceContaining("Cluster mode (livepulse.cluster.redis-url is set) needs PostgreSQL");
	}

	@Tag(TestGroups.POSTGRES)
	@Test
	void clusterModeWithoutAConfiguredSecretDoesNotStart() {
		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class,
				args(EmbeddedPostgres.newDatabaseUrl(), "")))
			.hasStackTraceContaining("needs the same configured JWT secret on every node");
	}

	@Test
	void clusterModeUnderTheDefaultDevProfileDoesNotStartAndTheMessageNamesTheSwitchAndTheProdProfile() {
		String[] devNode = { "--server.port=0", "--server.address=127.0.0.1", "--livepulse.push.event-port=-1",
				"--livepulse.cluster.redis-url=redis://127.0.0.1:1", "--spring.datasource.url=" + POSTGRES,
				"--livepulse.security.jwt-secret=" + SECRET };

		assertThatThrownBy(() -> SpringApplication.run(LivePulseApplication.class, devNode))
			.hasStackTraceContaining("does not run with the dev profile")
			.hasStackTraceContaining("/api/dev/token")
			.hasStackTraceContaining("SPRING_PROFILES_ACTIVE=prod")
			.hasStackTraceContaining("livepulse.cluster.allow-dev-profile=true");
	}

	@Test
	void theDevProfileNamedExplicitlyIsRefusedToo() {
		MockEnvironment environment = clusterEnvironment().withProperty("server.address", "127.0.0.1");
		environment.setActiveProfiles("dev");

		assertThatThrownBy(() -> guard(environment)).hasMessageContaining("livepulse.cluster.allow-dev-profile");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "0.0.0.0", "::", "10.1.2.3", "192.168.0.7", "2001:db8::1" })
	void theLocalTestSwitchIsRefusedUnlessTheNodeListensOnLoopbackOnly(String address) {
		MockEnvironment environment = clusterEnvironment().withProperty("livepulse.cluster.allow-dev-profile", "true");
		if (!address.isEmpty()) {
			environment.setProperty("server.address", address);
		}

		assertThatThrownBy(() -> guard(environment)).as(address)
			.hasMessageContaining("livepulse.cluster.allow-dev-profile=true is for local tests only")
			.hasMessageContaining("server.address");
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.0.0.2", "::1", "localhost" })
	void theLocalTestSwitchOnALoopbackAddressLetsADevClusterNodeStart(String address) {
		MockEnvironment environment = clusterEnvironment().withProperty("livepulse.cluster.allow-dev-profile", "true")
			.withProperty("server.address", address);

		assertThatCode(() -> guard(environment)).as(address).doesNotThrowAnyException();
	}

	@Test
	void theProdProfileNeedsNoSwitchOnAnyAddress() {
		MockEnvironment environment = clusterEnvironment().withProperty("server.address", "0.0.0.0");
		environment.setActiveProfiles("prod");

		assertThatCode(() -> guard(environment)).doesNotThrowAnyException();
	}

	@Test
	void singleNodeModeKeepsTheDevProfileWithoutTheSwitch() {
		MockEnvironment environment = clusterEnvironment().withProperty("livepulse.cluster.redis-url", "");

		assertThatCode(() -> guard(environment)).doesNotThrowAnyException();
	}
}
