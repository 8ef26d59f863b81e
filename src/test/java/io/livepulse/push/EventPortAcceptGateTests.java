package io.livepulse.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;

/** The event port counts connections as they are accepted and stops accepting once it holds all it may. */
class EventPortAcceptGateTests {

	/** Serves one connection, and holds one more (a refusal being answered). */
	final ConnectionLimits limits = new ConnectionLimits(new ConnectionLimits.Caps(1, 2, 100), 100, null,
			"X-Forwarded-For");
	final EmbeddedChannel listening = new EmbeddedChannel(new EventPortAcceptGate(limits));

	@Test
	void theFirstIsServedTheNextAreMarkedForRefusalAndAcceptingStopsOnceThePortIsFull() {
		Channel first = new EmbeddedChannel();
		Channel second = new EmbeddedChannel();
		Channel third = new EmbeddedChannel();

		listening.writeInbound(first);
		assertThat(first.attr(EventPortAcceptGate.OVER_CAPACITY).get()).isFalse();
		assertThat(listening.config().isAutoRead()).isTrue();

		listening.writeInbound(second);
		assertThat(second.attr(EventPortAcceptGate.OVER_CAPACITY).get()).isTrue();
		assertThat(listening.config().isAutoRead()).as("full: new clients wait in the backlog").isFalse();

		listening.writeInbound(third);
		assertThat(third.attr(EventPortAcceptGate.OVER_CAPACITY).get()).as("accepted in the same batch: refused, answered")
			.isTrue();
		assertThat(listening.<Channel>readInbound()).isSameAs(first);
		assertThat(listening.<Channel>readInbound()).isSameAs(second);
		assertThat(listening.<Channel>readInbound()).isSameAs(third);
	}
}
