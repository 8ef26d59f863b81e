package io.livepulse.simulation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code livepulse.simulation.*}: how often the rehearsal audience moves. */
@ConfigurationProperties("livepulse.simulation")
record SimulationProperties(@DefaultValue("1s") Duration tick) {
}
