package io.livepulse.push;

import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * Writes one connection's frames in order, each once. While the socket is full (the channel is not
 * writable) frames wait, at most {@link #MAX_WAITING} (the stream's last one may go past it); a
 * subscriber that falls further behind is closed rather than skipped, because a chat event is not a
 * snapshot and a skipped one would lose messages (its page reconnects and reads the chat again). It
 * is closed abortively, so what the kernel still holds for it is freed at once. On the connection's
 * event loop only.
 */
final class OrderedFrameWriter {

	static final int MAX_WAITING = 32;

	private final ChannelHandlerContext context;
	private final Runnable afterLast;
	/** Null until the socket first fills: most subscribers never need it. */
	private ArrayDeque<ByteBuf> waiting;
	private boolean lastWaiting;
	/** Closed for falling behind: takes no more frames. */
	private boolean closed;

	/** @param afterLast what to do once the last frame is written (or failed) */
	OrderedFrameWriter(ChannelHandlerContext context, Runnable afterLast) {
		this.context = context;
		this.afterLast = afterLast;
	}

	/**
	 * Writes a duplicate of the frame (frames are shared between connections, and each write moves its
	 * own read position), or queues it until the socket drains.
	 */
	void write(ByteBuf frame, boolean last) {
		if (closed) {
			return;
		}
		boolean nothingWaiting = waiting == null || waiting.isEmpty();
		if (nothingWaiting && context.channel().isWritable()) {
			writeOut(frame.retainedDuplicate(), last);
			return;
		}
		if (waiting == null) {
			waiting = new ArrayDeque<>();
		}
		if (waiting.size() >= MAX_WAITING && !last) {
			closed = true;
			release();
			Abort.close(context);
			return;
		}
		waiting.add(frame.retainedDuplicate());
		lastWaiting = last;
	}

	/** Call when the channel's writability changes: writes what waits while the socket has room. */
	void writabilityChanged() {
		while (waiting != null && !waiting.isEmpty() && context.channel().isWritable()) {
			ByteBuf next = waiting.poll();
			writeOut(next, waiting.isEmpty() && lastWaiting);
		}
	}

	/** Drops what waits. */
	void release() {
		if (waiting != null) {
			waiting.forEach(ByteBuf::release);
			waiting.clear();
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
