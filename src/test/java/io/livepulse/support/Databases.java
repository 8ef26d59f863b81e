package io.livepulse.support;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a test's Spring context at a fresh H2 or PostgreSQL database. */
public final class Databases {

	private Databases() {
	}

	public static void useFreshH2(DynamicPropertyRegistry registry) {
		String name = "test_" + UUID.randomUUID().toString().replace("-", "");
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		registry.add("spring.datasource.username", () -> "sa");
		registry.add("spring.datasource.password", () -> "");
	}

	public static void useFreshPostgres(DynamicPropertyRegistry registry) {
		String url = EmbeddedPostgres.newDatabaseUrl();
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}
}
