package io.livepulse.push;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code livepulse.push.*}.
 *
 * @param minInterval at most one event per stream per this interval
 * @param subscriberTimeout when a subscription is closed so that the browser reconnects
 * @param eventPort the dedicated event-stream port (0 = any free port, negative = off, events
 * are then served by the web server only)
 * @param eventAddress the interface the event port listens on
 * @param eventPublicUrl the address pages use to reach the event port when a proxy fronts it,
 * e.g. {@code https://events.example.com}; blank = the page's host name with {@code eventPort}
 * @param maxEventConnections connections the event port holds at once; more are refused with 503 (lowered
 * to what the process's descriptor limit allows, see {@link ConnectionLimits#derive})
 * @param maxEventConnectionsPerAddress connections one client (IPv4 address or IPv6 /64) may hold on the
 * event port at once; more are refused with 503
 * @param eventThreads event loops of the event port; connections are dealt to them in turn
 * @param nativeTransport serve the event port with Linux's epoll (Netty's native transport) where it loads;
 * false, or where it does not load: Java NIO
 * @param subscriberSendBuffer the kernel send buffer of each event-stream socket (both ports): what a
 * subscriber that stops reading can hold of the host's memory, beside the few events queued for it
 */
@ConfigurationProperties("livepulse.push")
record PushProperties(@DefaultValue("1s") Duration minInterval,
		@DefaultValue("30m") Duration subscriberTimeout,
		@DefaultValue("8081") int eventPort,
		@DefaultValue("0.0.0.0") String eventAddress,
		@DefaultValue("") String eventPublicUrl,
		@DefaultValue("50000") int maxEventConnections,
		@DefaultValue("100") int maxEventConnectionsPerAddress,
		@DefaultValue("2") int eventThreads,
		@DefaultValue("true") boolean nativeTransport,
		@DefaultValue("32KB") DataSize subscriberSendBuffer) {
}
