package io.livepulse.push;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * When an event-port connection is closed by the port: at a deadline (the request head's, a subscription's
 * end), or after its last answer, which it half-closes and lets linger briefly so that the client reads the
 * answer instead of a reset. Every such close is abortive ({@link Abort}): a client that does not read
 * would otherwise leave the socket lingering with its unsent data after its place was freed. On the
 * connection's event loop only.
 */
final class ClosingDeadline {

	static final Duration LINGER = Duration.ofSeconds(2);

	private final ChannelHandlerContext context;
	private ScheduledFuture<?> deadline;

	ClosingDeadline(ChannelHandlerContext context) {
		this.context = context;
	}

	/** Closes the connection after {@code wait}, unless cancelled or moved before. */
	void closeIn(Duration wait) {
		cancel();
		deadline = context.executor().schedule(() -> Abort.close(context), wait.toNanos(), TimeUnit.NANOSECONDS);
	}

	void cancel() {
		if (deadline != null) {
			deadline.cancel(false);
		}
	}

	/** After the last answer: half-close now, close for good after {@link #LINGER}. */
	void lingerThenClose() {
		Channel channel = context.channel();
		if (!channel.isActive()) {
			return;
		}
		if (channel instanceof SocketChannel socket) {
			socket.shutdownOutput();
		}
		closeIn(LINGER);
	}
}
