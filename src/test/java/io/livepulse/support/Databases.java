package io.livepulse.support;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test's Spring context at a fresh H2 or PostgreSQL database through a dynamic property, for
 * the classes with a context of their own; the shared contexts get theirs from {@link FreshDatabase}.
 */
public final class Databases {

	private Databases() {
	}

	/** A new in-memory H2 database in the same compatibility mode as the embedded default. */
	public static String freshH2Url() {
		return "jdbc:h2:mem:test_" + UUID.randomUUID().toString().replace("-", "")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";
	}

	public static void useFreshH2(DynamicPropertyRegistry registry) {
		String url = freshH2Url();
		registry.add("spring.datasource.url", () -> url);
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
