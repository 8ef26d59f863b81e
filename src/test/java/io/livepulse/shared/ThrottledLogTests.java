package io.livepulse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class ThrottledLogTests {

	@Test
	void eachKeyLogsOncePerIntervalAndTheNextLineCountsWhatWasHeldBack() {
		Logger logger = (Logger) LoggerFactory.getLogger("throttled-log-test");
		ListAppender<ILoggingEvent> lines = new ListAppender<>();
		lines.start();
		logger.addAppender(lines);
		AtomicLong now = new AtomicLong(0);
		ThrottledLog log = new ThrottledLog(logger, Duration.ofMinutes(1), now::get);

		for (int i = 0; i < 100; i++) {
			log.warn(1L, "product {} broken", 1L);
			log.warn(2L, "product {} broken", 2L);
		}
		now.set(Duration.ofSeconds(59).toNanos());
		log.warn(1L, "product {} broken", 1L);
		now.set(Duration.ofSeconds(61).toNanos());
		log.warn(1L, "product {} broken", 1L);

		assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
				"product 1 broken (1 times since the last such line)", "product 2 broken (1 times since the last such line)",
				"product 1 broken (101 times since the last such line)");
	}
}
