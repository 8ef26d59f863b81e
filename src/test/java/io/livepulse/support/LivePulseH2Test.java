package io.livepulse.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The service on a random port over an in-memory H2 database, in the one context every class so
 * annotated shares (Spring caches it by its configuration, which is the same for all of them). The
 * database is shared too: a test scopes its data (its own streams, vendors and users, see
 * {@link Unique}) and puts back any global setting it changes (admin settings, shop domains, link hosts,
 * blocked terms) and the clock it moved ({@link ShiftableClock}). Tokens are signed with
 * {@link TestSecrets#JWT}, 127.0.0.1 is a trusted proxy, and HLS is on a port where nothing listens. The browser
 * classes ({@code BrowserTest}) share it too. A class that needs other properties adds
 * {@code @TestPropertySource} and gets a context (and database) of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "livepulse.security.jwt-secret=" + TestSecrets.JWT,
		// the X-Forwarded-* headers of a client on this machine count, as behind deploy/nginx/livepulse.conf
		"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
		// playlists on a port where nothing listens: a browser test's player finds no video unless it routes one
		"livepulse.media.hls-base-url=http://127.0.0.1:9/hls",
		// request details in the web logs, which are at INFO but for the classes that read them at TRACE ({@link TraceLoggingTest})
		"spring.mvc.log-request-details=true" })
@ContextConfiguration(initializers = FreshDatabase.H2.class)
@Import(SharedTestClock.class)
public @interface LivePulseH2Test {
}
