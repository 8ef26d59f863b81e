package io.livepulse.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared H2 context ({@link LivePulseH2Test}) with web, security, JDBC and the application's own logging at
 * TRACE and Tomcat's HTTP parsing at DEBUG, for the classes that read what gets logged. Logging is the JVM's, not
 * a context's: the levels are set before each such class's tests and put back after them ({@link LogLevels}), and
 * the shared context logs request details whenever those levels are on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@LivePulseH2Test
@ExtendWith(LogLevels.AtTraceForTheClass.class)
public @interface TraceLoggingTest {
}
