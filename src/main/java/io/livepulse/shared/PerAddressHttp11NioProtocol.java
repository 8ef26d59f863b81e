package io.livepulse.shared;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO connector with a cap on the connections one client address (IPv6: /64) may hold:
 * past it a new connection is closed at accept, before it can take a slot of Tomcat's
 * {@code max-connections} with a request head it never finishes (slowloris). A configured proxy
 * is exempt, since behind it every client shares its address. Tomcat has no total deadline for a
 * request head, so this is what keeps one slow client from locking everybody out (ADR 0011).
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

	/** Peers matching this are proxies, whose connections are not capped; null: none. */
	public void setExemptAddresses(Pattern exempt) {
		endpoint.exempt = exempt;
	}

	int connectionsOf(String addressKey) {
		return endpoint.perAddress.getOrDefault(addressKey, 0);
	}

	static final class PerAddressEndpoint extends NioEndpoint {

		volatile int maxPerAddress = Integer.MAX_VALUE;
		volatile Pattern exempt;
		final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
		private final Map<SocketChannel, String> counted = new ConcurrentHashMap<>();

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
			boolean registered = super.setSocketOptions(socket);
			if (!registered) {
				release(socket);
			}
			return registered;
		}

		private boolean acquire(String key) {
			boolean[] acquired = { false };
			perAddress.compute(key, (k, count) -> {
				int current = count == null ? 0 : count;
				acquired[0] = current < maxPerAddress;
				return acquired[0] ? current + 1 : count;
			});
			return acquired[0];
		}

		private void release(Object socket) {
			String key = counted.remove(socket);
			if (key != null) {
				perAddress.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
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
