package io.livepulse.shared;

import java.util.Optional;

import jakarta.servlet.ServletRequest;

/**
 * The web-port connection a request came in on, for a response that lives long (an event stream):
 * it may give its socket a small fixed send buffer, and drop a client that stopped reading at once.
 */
public interface WebConnection {

	String ATTRIBUTE = WebConnection.class.getName();

	/** Fixes the socket's kernel send buffer, which otherwise grows to megabytes for a client that does not read. */
	void limitSendBuffer(int bytes);

	/**
	 * Closes the connection with a reset: what the kernel holds for the client is freed at once, and the
	 * connection's place under the per-address cap only when its socket is gone.
	 */
	void abort();

	/** The request's connection, when the web port runs the edge's per-address protocol. */
	static Optional<WebConnection> of(ServletRequest request) {
		return request.getAttribute(ATTRIBUTE) instanceof WebConnection connection ? Optional.of(connection)
				: Optional.empty();
	}
}
