package io.livepulse.shared.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m} with secrets removed ({@link LogRedaction}) and line breaks and control characters
 * escaped ({@link LogEscaping}), so one entry is one line; logback-spring.xml puts it in place of the default.
 */
public class RedactingMessageConverter extends MessageConverter {

	@Override
	public String convert(ILoggingEvent event) {
		return LogEscaping.escape(LogRedaction.redact(super.convert(event)));
	}
}
