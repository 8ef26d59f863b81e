package io.livepulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ClusterPropertiesTests {

	private static ClusterProperties named(String nodeId) {
		return new ClusterProperties("redis://127.0.0.1:6379", nodeId, Duration.ofSeconds(1), "livepulse:events", 100,
				Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(10), false);
	}

	/**
	 * Two nodes configured with one id (a setting copied everywhere) stay two because each process draws its own part;
	 * this checks the name's shape and that one process keeps its part (two processes are not started here).
	 */
	@Test
	void aNodesNameIsItsConfiguredIdAndAPartThatOneProcessKeeps() {
		assertThat(named("shop-eu").node()).matches("shop-eu@[0-9a-f]{8}");
		assertThat(named(" ").node()).matches("node@[0-9a-f]{8}");
		assertThat(named("shop-eu").node()).as("the same within one process").isEqualTo(named("shop-eu").node());
	}
}
