package io.livepulse.shared.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %m} with secrets removed ({@link LogRedaction}); logback-spring.xml puts it in place of the default. */
public class RedactingMessageConverter extends MessageConverter {

	@Override
	public String convert(ILoggingEvent event) {
		return LogRedaction.redact(super.convert(event));
	}
}
