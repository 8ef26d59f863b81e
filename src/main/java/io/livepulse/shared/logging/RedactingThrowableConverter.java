package io.livepulse.shared.logging;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Boot's {@code %wEx} with secrets removed (exception messages can quote SQL values, e.g. a duplicate key)
 * and each message escaped ({@link LogEscaping}): the stack keeps its lines, a message cannot add any.
 */
public class RedactingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

	@Override
	protected String throwableProxyToString(IThrowableProxy throwable) {
		return LogRedaction.redact(super.throwableProxyToString(EscapedThrowableProxy.of(throwable)));
	}
}
