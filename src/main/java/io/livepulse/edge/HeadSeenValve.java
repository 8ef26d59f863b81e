package io.livepulse.edge;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import jakarta.servlet.ServletException;

import io.livepulse.shared.WebConnection;

/**
 * Runs once a request's head has arrived whole and tells the connector, which then stops the
 * connection's first-head deadline; hands an event-stream request its {@link WebConnection}. Uses the socket's own
 * peer address and port, never a forwarded one.
 */
class HeadSeenValve extends ValveBase {

	private volatile PerAddressHttp11NioProtocol protocol;

	HeadSeenValve() {
		super(true);
	}

	void reportTo(PerAddressHttp11NioProtocol protocol) {
		this.protocol = protocol;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		PerAddressHttp11NioProtocol target = protocol;
		if (target != null) {
			org.apache.coyote.Request coyote = request.getCoyoteRequest();
			coyote.action(ActionCode.REQ_PEER_ADDR_ATTRIBUTE, coyote);
			coyote.action(ActionCode.REQ_REMOTEPORT_ATTRIBUTE, coyote);
			String peer = coyote.peerAddr().toString();
			int peerPort = coyote.getRemotePort();
			target.headSeen(peer, peerPort);
			// only an event stream asks for its connection: no other request pays for the attribute
			if (request.getRequestURI().endsWith("/events")) {
				request.setAttribute(WebConnection.ATTRIBUTE, target.connection(peer, peerPort));
			}
		}
		getNext().invoke(request, response);
	}
}
