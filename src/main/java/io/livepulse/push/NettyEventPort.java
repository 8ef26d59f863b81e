package io.livepulse.push;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.livepulse.shopping.ShowcaseService;
import io.livepulse.stream.StreamService;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * The dedicated event-stream port on Netty: {@code GET /api/streams/{id}/events} outside the servlet
 * container. A subscriber costs a channel and its small pipeline, not a servlet request with its
 * buffers; a broadcast writes one shared direct buffer to every channel ({@link EventSubscribers});
 * a slow subscriber gets its events late but in order, and is closed when too far behind
 * ({@link OrderedFrameWriter}). Netty's decoder
 * parses the head strictly within size limits ({@link EventPortRequest}); connections are capped in
 * all and per client ({@link ConnectionLimits}). See ADR 0009.
 */
@Component
class NettyEventPort implements PushAudience, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NettyEventPort.class);
	/** A subscriber's socket is "full" past this much unsent data; events are a few hundred bytes. */
	private static final WriteBufferWaterMark SLOW_SUBSCRIBER = new WriteBufferWaterMark(8 * 1024, 16 * 1024);
	private static final int BACKLOG = 1024;

	private final PushProperties properties;
	private final Environment environment;
	private final StreamServiceLookups lookups;
	private final EventSubscribers subscribers = new EventSubscribers();
	private volatile ConnectionLimits limits;
	private EventLoopGroup workers;
	private volatile Channel server;

	NettyEventPort(StreamService streams, StatsService stats, EngagementEvents events, PushProperties properties,
			EndedStreams endedStreams, ShowcaseService showcases, Environment environment) {
		this.properties = properties;
		this.environment = environment;
		this.lookups = new StreamServiceLookups(streams, stats, events, endedStreams, showcases);
	}

	/** The caps in force since the port started, or null before. */
	ConnectionLimits limits() {
		return limits;
	}

	/** The port actually listened on (useful with port 0), or empty when the event port is off. */
	Optional<Integer> port() {
		Channel listening = server;
		return listening == null || !listening.isActive() ? Optional.empty()
				: Optional.of(((InetSocketAddress) listening.localAddress()).getPort());
	}

	@Override
	public Set<Long> watchedStreams() {
		return subscribers.watchedStreams();
	}

	@Override
	public int size(long streamId) {
		return subscribers.size(streamId);
	}

	@Override
	public void publish(long streamId, byte[] event) {
		subscribers.publish(streamId, event);
	}

	@Override
	public void end(long streamId, byte[] endedEvent) {
		EventLoopGroup loops = workers;
		if (loops != null) {
			subscribers.end(streamId, endedEvent, loops);
		}
	}

	@Override
	public void start() {
		if (properties.eventPort() < 0) {
			return;
		}
		ConnectionLimits caps = ConnectionLimits.of(properties, environment);
		limits = caps;
		lookups.start();
		boolean epoll = properties.nativeTransport() && Epoll.isAvailable();
		IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		Class<? extends ServerChannel> listening = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
		workers = new MultiThreadIoEventLoopGroup(Math.max(1, properties.eventThreads()), io);
		// the listening channel is served by one of the same loops: accepting then waits its turn behind the
		// connections already taken, instead of running ahead of them on a thread of its own
		ServerBootstrap bootstrap = new ServerBootstrap().group(workers)
			.channel(listening)
			.option(ChannelOption.SO_BACKLOG, BACKLOG)
			.handler(new EventPortAcceptGate(caps))
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, SLOW_SUBSCRIBER)
			// a fixed, small kernel buffer instead of one that grows to megabytes for a reader that stops
			.childOption(ChannelOption.SO_SNDBUF, (int) properties.subscriberSendBuffer().toBytes())
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline().addLast(decoder(), handler(caps));
				}
			});
		try {
			server = bootstrap.bind(new InetSocketAddress(properties.eventAddress(), properties.eventPort()))
				.syncUninterruptibly()
				.channel();
		}
		catch (RuntimeException failed) {
			stop();
			throw new IllegalStateException("Cannot listen on event port " + properties.eventPort()
					+ " (set livepulse.push.event-port to another port, or -1 to serve events from the web server only)",
					failed);
		}
		log.info("Event streams served on port {} by {} threads ({}); at most {} connections at once ({} configured, "
				+ "descriptor limit {}) and {} per client address", port().orElseThrow(), properties.eventThreads(),
				epoll ? "epoll" : "NIO",
				caps.maxConnections(), properties.maxEventConnections(), caps.caps().fdLimit(), caps.maxPerAddress());
	}

	static HttpRequestDecoder decoder() {
		return new HttpRequestDecoder(new HttpDecoderConfig().setMaxInitialLineLength(EventPortRequest.MAX_LINE_BYTES)
			.setMaxHeaderSize(EventPortRequest.MAX_HEADER_BYTES)
			// a bare LF ends a line as well as CRLF (RFC 9112, 2.2); a bare CR is refused
			.setStrictLineParsing(false)
			.setValidateHeaders(true));
	}

	private EventPortChannelHandler handler(ConnectionLimits caps) {
		return new EventPortChannelHandler(caps, lookups, subscribers, properties.subscriberTimeout());
	}

	@Override
	public void stop() {
		Channel listening = server;
		server = null;
		if (listening != null) {
			listening.close().syncUninterruptibly();
		}
		if (workers != null) {
			workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
			workers = null;
		}
		lookups.shutdown();
	}

	@Override
	public boolean isRunning() {
		return server != null;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}
}
