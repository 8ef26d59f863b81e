package io.livepulse.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The service on a random port over a database on the embedded PostgreSQL server, in the one context
 * every class so annotated shares (Spring caches it by its configuration, which is the same for all of
 * them). The database is shared too: the same rules as {@link LivePulseH2Test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(TestGroups.POSTGRES)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "livepulse.security.jwt-secret=" + TestSecrets.JWT,
		// the X-Forwarded-* headers of a client on this machine count, as behind deploy/nginx/livepulse.conf
		"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1" })
@ContextConfiguration(initializers = FreshDatabase.Postgres.class)
@Import(SharedTestClock.class)
public @interface LivePulsePostgresTest {
}
