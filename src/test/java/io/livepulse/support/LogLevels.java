package io.livepulse.support;

import org.springframework.boot.logging.LoggingSystem;

/**
 * Logging is the JVM's, not a context's: a class whose context raises levels (TRACE, to read what gets
 * logged) puts them back after itself, or the cached contexts the next classes reuse, which do not set
 * their levels again, would go on logging at TRACE.
 */
public final class LogLevels {

	private LogLevels() {
	}

	/** Back to what the logging configuration gives (the root level), for each of these loggers. */
	public static void reset(String... loggers) {
		LoggingSystem logging = LoggingSystem.get(LogLevels.class.getClassLoader());
		for (String logger : loggers) {
			logging.setLogLevel(logger, null);
		}
	}
}
