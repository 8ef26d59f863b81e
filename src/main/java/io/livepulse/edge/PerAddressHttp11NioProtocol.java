package io.livepulse.edge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

import io.livepulse.shared.CappedCounts;
import io.livepulse.shared.ClientAddress;
import io.livepulse.shared.WebConnection;

/**
 * Tomcat's NIO connector with two defences against slow clients (slowloris), which Tomcat lacks
 * because its read deadline restarts with every byte (ADR 0011):
 * <ul>
 * <li>a cap on the connections one client address (IPv6: /64) may hold: past it a new connection
 * is closed at accept; a configured proxy is exempt, since behind it every client shares its
 * address;</li>
 * <li>a deadline for a connection's first request head, counted from accept: a connection whose
 * head has not arrived whole by then is closed. {@link HeadSeenValve} reports each complete head.
 * While more than half of {@code maxConnections} are taken, a shorter deadline applies: an ordinary
 * client sends its head within milliseconds, so under pressure the slow ones are shed in about a
 * second and a newcomer waiting in the accept queue gets a place (slowloris from many addresses,
 * which the per-address cap cannot stop; RELIABILITY.md c).</li>
 * </ul>
 */
public class PerAddressHttp11NioProtocol extends Http11NioProtocol {

	private final PerAddressEndpoint endpoint;

	public PerAddressHttp11NioProtocol() {
		this(new PerAddressEndpoint());
	}

	private PerAddressHttp11NioProtocol(PerAddressEndpoint endpoint) {
		super(endpoint);
		this.endpoint = endpoint;
	}

	public void setMaxConnectionsPerAddress(int max) {
		endpoint.maxPerAddress = max;
	}

	public void setFirstHeadDeadline(Duration deadline) {
		endpoint.headDeadlineNanos = deadline.toNanos();
	}

	/** The deadline for a first request head while more than half the connections are taken. */
	public void setFirstHeadDeadlineWhenBusy(Duration deadline) {
		endpoint.busyHeadDeadlineNanos = deadline.toNanos();
	}

	/** Reports a complete request head from the given peer (address and port), so its deadline is off. */
	void headSeen(String peerAddress, int peerPort) {
		endpoint.awaitingHead.remove(peerAddress + "|" + peerPort);
	}

	/** The connection of the given peer (address and port); acts only while that connection is open. */
	WebConnection connection(String peerAddress, int peerPort) {
		return new OpenWebConnection(endpoint, peerAddress + "|" + peerPort);
	}

	/** Peers matching this are proxies, whose connections are not capped; null: none. */
	public void setExemptAddresses(Pattern exempt) {
		endpoint.exempt = exempt;
	}

	static final class PerAddressEndpoint extends NioEndpoint {

		volatile int maxPerAddress = Integer.MAX_VALUE;
		volatile Pattern exempt;
		volatile long headDeadlineNanos = Long.MAX_VALUE;
		volatile long busyHeadDeadlineNanos = Long.MAX_VALUE;
		final CappedCounts perAddress = new CappedCounts();
		private final Map<SocketChannel, String> counted = new ConcurrentHashMap<>();
		/** Every open connection by its peer "address|port", for {@link WebConnection}. */
		final Map<String, SocketChannel> openByPeer = new ConcurrentHashMap<>();
		private final Map<SocketChannel, String> peerKeys = new ConcurrentHashMap<>();
		/** Connections whose first request head has not arrived yet: peer "address|port" -> accept time. */
		final Map<String, AwaitingHead> awaitingHead = new ConcurrentHashMap<>();
		private ScheduledExecutorService sweeper;

		private static final long SWEEP_MILLIS = 250;

		record AwaitingHead(SocketChannel socket, long acceptedAtNanos) {
		}

		PerAddressEndpoint() {
			// Tomcat removes a closed connection from this map whatever way it closed: that is where its count goes
			connections = new ConcurrentHashMap<>() {

				@Override
				public SocketWrapperBase<NioChannel> remove(Object socket) {
					SocketWrapperBase<NioChannel> removed = super.remove(socket);
					release(socket);
					return removed;
				}
			};
		}

		@Override
		protected boolean setSocketOptions(SocketChannel socket) {
			String peer = peerAddress(socket);
			boolean capped = peer != null && (exempt == null || !exempt.matcher(peer).matches());
			String key = capped ? ClientAddress.keyOf(peer) : null;
			if (key != null && !acquire(key)) {
				// Tomcat's acceptor only closes sockets it registered; this one never was
				destroySocket(socket);
				return false;
			}
			if (key != null) {
				counted.put(socket, key);
			}
			String peerKey = peerKey(socket);
			if (peerKey != null) {
				awaitingHead.put(peerKey, new AwaitingHead(socket, System.nanoTime()));
			}
			if (peerKey != null) {
				openByPeer.put(peerKey, socket);
				peerKeys.put(socket, peerKey);
			}
			boolean registered = super.setSocketOptions(socket);
			if (!registered) {
				release(socket);
			}
			return registered;
		}

		@Override
		public void startInternal() throws Exception {
			super.startInternal();
			sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("head-deadline")
				.factory());
			sweeper.scheduleWithFixedDelay(this::closeLateHeads, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
		}

		@Override
		public void stopInternal() {
			if (sweeper != null) {
				sweeper.shutdownNow();
			}
			super.stopInternal();
		}

		/** Closes the connections whose first request head is overdue, as Tomcat closes one on a read timeout. */
		private void closeLateHeads() {
			long now = System.nanoTime();
			int maxConnections = getMaxConnections();
			boolean busy = maxConnections > 0 && getConnectionCount() > maxConnections / 2;
			long deadline = busy ? Math.min(headDeadlineNanos, busyHeadDeadlineNanos) : headDeadlineNanos;
			awaitingHead.forEach((peer, waiting) -> {
				if (now - waiting.acceptedAtNanos() < deadline || !awaitingHead.remove(peer, waiting)) {
					return;
				}
				SocketWrapperBase<NioChannel> wrapper = connections.get(waiting.socket());
				if (wrapper != null && !wrapper.isClosed()) {
					wrapper.setError(new SocketTimeoutException("request head not complete in time"));
					if (!processSocket(wrapper, SocketEvent.ERROR, true)) {
						wrapper.close();
					}
				}
			});
		}

		/** For the client, and for an IPv6 client its /48 too (eight clients' worth). */
		private boolean acquire(String key) {
			return perAddress.tryAcquire(key, ClientAddress.networkOf(key), maxPerAddress);
		}

		private void release(Object socket) {
			// by the key noted at accept: a closed socket no longer tells its peer
			String peer = socket instanceof SocketChannel ? peerKeys.remove(socket) : null;
			if (peer != null) {
				awaitingHead.computeIfPresent(peer, (k, waiting) -> waiting.socket() == socket ? null : waiting);
				openByPeer.remove(peer, socket);
			}
			String key = counted.remove(socket);
			if (key != null) {
				perAddress.release(key, ClientAddress.networkOf(key));
			}
		}

		private static String peerKey(SocketChannel socket) {
			try {
				return socket.getRemoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
						? address.getAddress().getHostAddress() + "|" + address.getPort() : null;
			}
			catch (IOException closed) {
				return null;
			}
		}

		private static String peerAddress(SocketChannel socket) {
			try {
				return socket.getRemoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
						? address.getAddress().getHostAddress() : null;
			}
			catch (IOException closed) {
				return null;
			}
		}
	}
}
