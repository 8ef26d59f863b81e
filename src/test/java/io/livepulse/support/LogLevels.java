package io.livepulse.support;

import java.util.Map;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

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

	/** Back to what the logging configuration gives (the root level). */
	public static void reset() {
		TRACE.keySet().forEach(logger -> logging().setLogLevel(logger, null));
	}

	private static LoggingSystem logging() {
		return LoggingSystem.get(LogLevels.class.getClassLoader());
	}
}
