package io.livepulse.push;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

/**
 * Counts each connection against the event port's caps the moment it is accepted, on the listening
 * channel's own loop, before it is handed to a worker loop. Counting later, when a worker activates
 * the channel, let a flood of accepts run ahead of the workers and use up every descriptor. Once
 * the port holds as many connections as it may (refusals included), it stops accepting until some
 * close: new clients wait in the listen backlog instead of taking descriptors.
 */
@ChannelHandler.Sharable
final class EventPortAcceptGate extends ChannelInboundHandlerAdapter {

	/** Set on an accepted channel: true when it is one more than may be served (it is answered 503). */
	static final AttributeKey<Boolean> OVER_CAPACITY = AttributeKey.valueOf("livepulse.eventPort.overCapacity");

	private final ConnectionLimits limits;

	EventPortAcceptGate(ConnectionLimits limits) {
		this.limits = limits;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		Channel accepted = (Channel) message;
		// one accepted in the same batch as the one that filled the port is still answered (503): a batch
		// is at most a few connections past the refusals' room, and an unanswered close looks like a fault
		accepted.attr(OVER_CAPACITY).set(!limits.hold());
		if (limits.full()) {
			ctx.channel().config().setAutoRead(false);
		}
		ctx.fireChannelRead(accepted);
	}
}
