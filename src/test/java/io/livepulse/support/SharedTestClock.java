package io.livepulse.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in the shared test contexts: the real time until a test moves it (and puts it
 * back after itself, see {@link ShiftableClock#reset}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class SharedTestClock {

	@Bean
	@Primary
	ShiftableClock shiftableClock() {
		return new ShiftableClock();
	}
}
