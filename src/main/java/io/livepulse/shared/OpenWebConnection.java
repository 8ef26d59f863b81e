package io.livepulse.shared;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/** A {@link WebConnection} found by its peer "address|port"; does nothing once that connection is closed. */
record OpenWebConnection(PerAddressHttp11NioProtocol.PerAddressEndpoint endpoint, String peerKey)
		implements WebConnection {

	@Override
	public void limitSendBuffer(int bytes) {
		SocketChannel socket = endpoint.openByPeer.get(peerKey);
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
		SocketChannel socket = endpoint.openByPeer.get(peerKey);
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
}
