package io.livepulse.push;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import io.livepulse.shared.ThrottledLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;

/**
 * One connection of the event port, behind Netty's request decoder, on its channel's event loop. It
 * counts the connection against the port's caps, answers the first request head (later bytes,
 * pipelined requests included, are dropped with the decoder) and, for a subscriber, writes every
 * event in order, closing it if it falls too far behind ({@link OrderedFrameWriter}).
 * When the port closes it, and how, is {@link ClosingDeadline}'s.
 */
final class EventPortChannelHandler extends ChannelInboundHandlerAdapter {

	private static final Logger log = LoggerFactory.getLogger(EventPortChannelHandler.class);
	private static final ThrottledLog PORT_FULL_LOG = new ThrottledLog(log, Duration.ofSeconds(10));
	static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);

	private final ConnectionLimits limits;
	private final EventStreamLookups lookups;
	private final EventSubscribers subscribers;
	private final Duration subscriberTimeout;
	private ChannelHandlerContext context;
	/** What this connection counts against in {@link ConnectionLimits}; null until known. */
	private String clientKey;
	/** The lingering refusal this connection counts as for its client ({@link ConnectionLimits}); null if none. */
	private String refusalKey;
	private boolean requestTaken;
	private boolean closing;
	private long streamId = -1;
	private ClosingDeadline deadline;
	private OrderedFrameWriter writer;

	EventPortChannelHandler(ConnectionLimits limits, EventStreamLookups lookups, EventSubscribers subscribers,
			Duration subscriberTimeout) {
		this.limits = limits;
		this.lookups = lookups;
		this.subscribers = subscribers;
		this.subscriberTimeout = subscriberTimeout;
	}

	EventExecutor loop() {
		return context.executor();
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		context = ctx;
		deadline = new ClosingDeadline(ctx);
		writer = new OrderedFrameWriter(ctx, deadline::lingerThenClose);
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		// counted when accepted (EventPortAcceptGate); a channel that was not accepted by the gate counts now
		Boolean overCapacity = ctx.channel().attr(EventPortAcceptGate.OVER_CAPACITY).get();
		if (overCapacity != null ? overCapacity : !limits.hold()) {
			PORT_FULL_LOG.warn("The event port holds all the connections it may ({}); refusing new ones with 503",
					limits.maxConnections());
			offer(EventPortResponses.frame(EventPortResponses.PORT_FULL), true);
		}
		else {
			InetAddress peer = peer(ctx.channel());
			// a trusted proxy's connections count for the client it names, known once the head is read
			if (limits.trusts(peer) || countForClient(peer)) {
				deadline.closeIn(REQUEST_DEADLINE);
			}
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		try {
			// a connection refused on arrival is not served when its request comes in after a place was freed
			if (!requestTaken && !closing && message instanceof HttpRequest request) {
				requestTaken = true;
				deadline.cancel();
				answer(request);
			}
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

	private void answer(HttpRequest request) {
		dropDecoder();
		EventPortRequest asked = EventPortRequest.of(request);
		if (clientKey == null && !(asked instanceof EventPortRequest.Refusal)) {
			InetAddress client = limits.clientOf(peer(context.channel()),
					EventPortRequest.forwardedFor(request, limits.forwardedForHeader()));
			if (!countForClient(client)) {
				return;
			}
		}
		switch (asked) {
			case EventPortRequest.Refusal refusal -> refuse(refusal.status(), refusal.path(), refusal.detail());
			case EventPortRequest.Preflight preflight -> offer(EventPortResponses.frame(EventPortResponses.preflight()), true);
			case EventPortRequest.Subscribe subscribe -> lookups.find(subscribe.streamId())
				.whenComplete((found, failure) -> context.executor().execute(() -> admit(subscribe, found, failure)));
		}
	}

	/** Back on the loop once the stream is looked up: the event stream, or the ended event at once. */
	private void admit(EventPortRequest.Subscribe subscribe, EventStreamLookups.Found found, Throwable failure) {
		if (closing || !context.channel().isActive()) {
			return;
		}
		if (failure != null) {
			log.warn("Looking up stream {} for an event stream failed", subscribe.streamId(), failure);
			refuse(HttpStatus.SERVICE_UNAVAILABLE, subscribe.path(),
					"The stream could not be looked up just now; try again shortly.");
			return;
		}
		if (!found.exists()) {
			refuse(HttpStatus.NOT_FOUND, subscribe.path(), "Stream %d does not exist.".formatted(subscribe.streamId()));
			return;
		}
		context.write(EventPortResponses.frame(EventPortResponses.EVENT_STREAM_HEAD));
		// a stream that ends after its look-up: the hub records the ended event before any loop is told
		byte[] ended = found.endedEvent() != null ? found.endedEvent() : lookups.endedLately(subscribe.streamId());
		if (ended != null) {
			offer(Unpooled.wrappedBuffer(ended), true);
			return;
		}
		if (found.openingEvent() != null) {
			context.write(Unpooled.wrappedBuffer(found.openingEvent()));
		}
		context.flush();
		streamId = subscribe.streamId();
		subscribers.add(streamId, this);
		deadline.closeIn(subscriberTimeout);
	}

	/**
	 * Writes the frame, or queues it while the socket is full ({@link OrderedFrameWriter}).
	 * A last frame closes the connection once written. On this connection's loop.
	 */
	void offer(ByteBuf frame, boolean last) {
		if (closing) {
			return;
		}
		if (last) {
			closing = true;
			leaveStream();
		}
		writer.write(frame, last);
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		writer.writabilityChanged();
	}

	/** Answers with a problem, then closes. */
	private void refuse(HttpStatus status, String path, String detail) {
		offer(EventPortResponses.frame(EventPortResponses.problem(status, path, detail)), true);
	}

	private boolean countForClient(InetAddress client) {
		clientKey = limits.acquire(client);
		if (clientKey == null) {
			refusalKey = limits.acquireLingeringRefusal(client);
			if (refusalKey == null) {
				closing = true;
				Abort.close(context);
			}
			else {
				offer(EventPortResponses.frame(EventPortResponses.TOO_MANY_FROM_ADDRESS), true);
			}
			return false;
		}
		return true;
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		closing = true;
		deadline.cancel();
		leaveStream();
		writer.release();
		limits.unhold();
		if (clientKey != null) {
			limits.release(clientKey);
			clientKey = null;
		}
		if (refusalKey != null) {
			limits.releaseLingeringRefusal(refusalKey);
			refusalKey = null;
		}
		Channel parent = ctx.channel().parent();
		if (parent != null && !parent.config().isAutoRead() && !limits.full()) {
			parent.config().setAutoRead(true);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		log.debug("Event port connection failed", cause);
		ctx.close();
	}

	private void leaveStream() {
		if (streamId >= 0) {
			subscribers.remove(streamId, this);
			streamId = -1;
		}
	}

	private void dropDecoder() {
		if (context.pipeline().get(HttpRequestDecoder.class) != null) {
			context.pipeline().remove(HttpRequestDecoder.class);
		}
	}

	/** The connection's peer; a channel without an internet address (in-memory, in tests) counts as loopback. */
	private static InetAddress peer(Channel channel) {
		return channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress()
				: InetAddress.getLoopbackAddress();
	}
}
