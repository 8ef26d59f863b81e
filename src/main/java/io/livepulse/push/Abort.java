package io.livepulse.push;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;

/**
 * Abortive close of an event-port connection: linger 0, so the kernel sends a reset and drops what it
 * still holds for the client at once, instead of keeping it until a client that stopped reading lets go
 * (FIN-WAIT-1). The connection's place under the per-address cap is freed when the channel is inactive,
 * which is then also when its socket is gone.
 */
final class Abort {

	private Abort() {
	}

	static void close(ChannelHandlerContext context) {
		if (context.channel().isOpen()) {
			context.channel().config().setOption(ChannelOption.SO_LINGER, 0);
		}
		context.close();
	}
}
