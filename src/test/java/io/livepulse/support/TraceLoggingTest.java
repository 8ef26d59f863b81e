package io.livepulse.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The service with web, security, JDBC and the application's own logging at TRACE, Tomcat's HTTP
 * parsing at DEBUG and request details logged, for the classes that read what gets logged; they share
 * this context. Logging is the JVM's: the levels are set before each such class's tests (a cached context
 * does not set them again) and put back after them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"logging.level.io.livepulse=TRACE", "logging.level.org.springframework.web=TRACE",
		"logging.level.org.springframework.security=TRACE", "logging.level.org.springframework.jdbc=TRACE",
		"logging.level.org.apache.coyote.http11=DEBUG", "spring.mvc.log-request-details=true" })
@ContextConfiguration(initializers = FreshDatabase.H2.class)
@ExtendWith(LogLevels.AtTraceForTheClass.class)
public @interface TraceLoggingTest {
}
