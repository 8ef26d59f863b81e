package io.livepulse.stats;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event port's listening channel. Only the first loop listens; accepted channels are dealt to the
 * loops in turn. Touched only by that loop's thread.
 */
final class EventPortListener {

	// logged under the server's name, as before the server was split into its parts
	private static final Logger log = LoggerFactory.getLogger(EventStreamServer.class);

	private final ServerSocketChannel server;
	private final ConnectionLimits limits;
	private final Supplier<List<EventLoop>> loops;
	private SelectionKey serverKey;
	private boolean acceptPaused;
	private int nextLoop;

	EventPortListener(ServerSocketChannel server, ConnectionLimits limits, Supplier<List<EventLoop>> loops) {
		this.server = server;
		this.limits = limits;
		this.loops = loops;
	}

	void register(Selector selector) throws IOException {
		serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
	}

	/** Accepts every waiting connection, while there is room, for the loop it is registered with. */
	void acceptAll(EventLoop acceptor) {
		while (true) {
			if (limits.full()) {
				// refusals linger too: past this many, new clients wait in the backlog instead of taking descriptors
				pauseAccepting();
				return;
			}
			SocketChannel channel;
			try {
				channel = server.accept();
			}
			catch (IOException failed) {
				// typically out of file descriptors: stop asking until the next sweep instead of spinning
				log.warn("Accepting on the event port failed; pausing for a second: {}", failed.getMessage());
				pauseAccepting();
				return;
			}
			if (channel == null) {
				return;
			}
			try {
				channel.configureBlocking(false);
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
			catch (IOException broken) {
				EventLoop.closeQuietly(channel);
				continue;
			}
			List<EventLoop> current = loops.get();
			if (current.isEmpty()) {
				EventLoop.closeQuietly(channel); // stopping
				continue;
			}
			EventLoop owner = current.get(nextLoop++ % current.size());
			if (owner == acceptor) {
				owner.adopt(channel);
			}
			else {
				owner.submit(() -> owner.adopt(channel));
			}
		}
	}

	private void pauseAccepting() {
		serverKey.interestOps(0);
		acceptPaused = true;
	}

	/** Called at every sweep: accepts again once the port has room. */
	void resumeIfRoom() {
		if (acceptPaused && server.isOpen() && !limits.full()) {
			serverKey.interestOps(SelectionKey.OP_ACCEPT);
			acceptPaused = false;
		}
	}
}
