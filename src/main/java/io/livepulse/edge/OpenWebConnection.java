package io.livepulse.edge;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

import io.livepulse.shared.WebConnection;

/**
 * A {@link WebConnection} found by its peer "address|port". The socket is pinned the first time it is
 * used (an event stream's subscription), and acted on only while the endpoint still holds that same
 * socket under the peer: an address and port reused by a later connection never get its reset.
 */
final class OpenWebConnection implements WebConnection {

	private final PerAddressHttp11NioProtocol.PerAddressEndpoint endpoint;
	private final String peerKey;
	private volatile @Nullable SocketChannel pinned;

	OpenWebConnection(PerAddressHttp11NioProtocol.PerAddressEndpoint endpoint, String peerKey) {
		this.endpoint = endpoint;
		this.peerKey = peerKey;
	}

	@Override
	public void limitSendBuffer(int bytes) {
		SocketChannel socket = socket();
		if (socket != null) {
			try {
				socket.setOption(StandardSocketOptions.SO_SNDBUF, bytes);
			}
			catch (IOException closed) {
				// gone already: nothing left to limit
			}
		}
	}

	/**
	 * Resets the socket and closes it under Tomcat, which then meets a closed channel on its next read or write
	 * and closes the connection its own way, on its own thread (closing Tomcat's wrapper from here would
	 * recycle the request and response while a writer may still hold them).
	 */
	@Override
	public void abort() {
		SocketChannel socket = socket();
		if (socket == null) {
			return;
		}
		try {
			socket.setOption(StandardSocketOptions.SO_LINGER, 0);
			socket.close();
		}
		catch (IOException closed) {
			// gone already
		}
	}

	/** The pinned socket while the endpoint still holds it under the peer; null once it is gone. */
	private @Nullable SocketChannel socket() {
		SocketChannel current = endpoint.openByPeer.get(peerKey);
		SocketChannel mine = pinned;
		if (mine == null) {
			pinned = current;
			return current;
		}
		return mine == current ? mine : null;
	}
}
