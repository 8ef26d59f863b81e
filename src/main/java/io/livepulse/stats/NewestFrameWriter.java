package io.livepulse.stats;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * Writes one connection's frames without ever queueing more than one behind a full socket: while
 * the channel is not writable, a newer frame replaces the waiting one (events are snapshots, so the
 * older loses nothing). On the connection's event loop only.
 */
final class NewestFrameWriter {

	private final ChannelHandlerContext context;
	private final Runnable afterLast;
	private ByteBuf waiting;
	private boolean waitingIsLast;

	/** @param afterLast what to do once the last frame is written (or failed) */
	NewestFrameWriter(ChannelHandlerContext context, Runnable afterLast) {
		this.context = context;
		this.afterLast = afterLast;
	}

	/**
	 * Writes a duplicate of the frame (frames are shared between connections, and each write moves its
	 * own read position), or keeps it until the socket drains.
	 */
	void write(ByteBuf frame, boolean last) {
		if (context.channel().isWritable()) {
			writeOut(frame.retainedDuplicate(), last);
			return;
		}
		release();
		waiting = frame.retainedDuplicate();
		waitingIsLast = last;
	}

	/** Call when the channel's writability changes: writes the waiting frame once the socket has room. */
	void writabilityChanged() {
		if (context.channel().isWritable() && waiting != null) {
			ByteBuf next = waiting;
			waiting = null;
			writeOut(next, waitingIsLast);
		}
	}

	/** Drops the waiting frame, if any. */
	void release() {
		if (waiting != null) {
			waiting.release();
			waiting = null;
		}
	}

	private void writeOut(ByteBuf frame, boolean last) {
		if (last) {
			context.writeAndFlush(frame).addListener((ChannelFutureListener) written -> afterLast.run());
		}
		else {
			context.writeAndFlush(frame, context.voidPromise());
		}
	}
}
