package io.livepulse.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every test context it starts a database of its own, without putting the database in the
 * context's cache key: the classes that name the same initializer (and nothing else different) share
 * one cached context and so one database, and a context started again (after a dirtying class) starts
 * on an empty one.
 */
public abstract class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ContextStarts.testContextInitialized();
		context.getEnvironment().getPropertySources()
			.addFirst(new MapPropertySource("freshTestDatabase", Map.copyOf(properties())));
	}

	abstract Map<String, Object> properties();

	/** A new in-memory H2 database. */
	public static final class H2 extends FreshDatabase {

		@Override
		Map<String, Object> properties() {
			return Map.of("spring.datasource.url", Databases.freshH2Url(), "spring.datasource.username", "sa",
					"spring.datasource.password", "");
		}
	}

	/** A new database on the JVM's one embedded PostgreSQL server. */
	public static final class Postgres extends FreshDatabase {

		@Override
		Map<String, Object> properties() {
			return Map.of("spring.datasource.url", EmbeddedPostgres.newDatabaseUrl(), "spring.datasource.username",
					"postgres", "spring.datasource.password", "postgres");
		}
	}
}
