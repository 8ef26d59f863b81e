package io.livepulse.support;

import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The levels of {@link TraceLoggingTest}, set and put back by its classes. Logging is the JVM's, not a
 * context's: levels left at TRACE would go on for the cached contexts the next classes reuse, which do
 * not set their levels again.
 */
public final class LogLevels {

	private static final Map<String, LogLevel> TRACE = Map.of("io.livepulse", LogLevel.TRACE,
			"org.springframework.web", LogLevel.TRACE, "org.springframework.security", LogLevel.TRACE,
			"org.springframework.jdbc", LogLevel.TRACE, "org.apache.coyote.http11", LogLevel.DEBUG);

	private LogLevels() {
	}

	public static void trace() {
		TRACE.forEach(logging()::setLogLevel);
	}

	/** Whether {@link #trace()}'s levels are on (a class that reads the logs checks it first: else it proves nothing). */
	public static boolean atTrace() {
		return LoggerFactory.getLogger("io.livepulse").isTraceEnabled()
				&& LoggerFactory.getLogger("org.springframework.web").isTraceEnabled();
	}

	/** Back to what the logging configuration gives (the root level). */
	public static void reset() {
		TRACE.keySet().forEach(logger -> logging().setLogLevel(logger, null));
	}

	/** Sets {@link #trace()} before a class's tests and {@link #reset()} after them ({@link TraceLoggingTest}). */
	static final class AtTraceForTheClass implements BeforeAllCallback, AfterAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			// the context first: starting one initializes logging again, which would put the levels back
			SpringExtension.getApplicationContext(context);
			trace();
		}

		@Override
		public void afterAll(ExtensionContext context) {
			reset();
		}
	}

	private static LoggingSystem logging() {
		return LoggingSystem.get(LogLevels.class.getClassLoader());
	}
}
