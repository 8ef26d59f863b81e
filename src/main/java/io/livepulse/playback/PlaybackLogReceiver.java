package io.livepulse.playback;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the media server's delivery log from a loopback UDP port (nginx {@code access_log syslog:server=...}), one
 * line per datagram, on a thread of its own: the media server never waits for LivePulse, and a line lost on the way
 * costs a viewer at most a few seconds of evidence. One datagram socket and a small parse per line; ADR 0024 says
 * why no event loop library is used here.
 */
@Component
class PlaybackLogReceiver implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PlaybackLogReceiver.class);
	// bursts of lines (every viewer's fetch of a new segment lands within a second) wait here, not in lost datagrams
	private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

	private final PlaybackEvidence evidence;
	private final int port;
	private final Counter lines;
	private volatile @Nullable DatagramChannel channel;
	private volatile boolean running;

	PlaybackLogReceiver(PlaybackEvidence evidence, PlaybackProperties properties, MeterRegistry meters) {
		this.evidence = evidence;
		this.port = properties.logPort();
		this.lines = Counter.builder("livepulse.playback.log.lines").description("delivery log lines read").register(meters);
	}

	/** Whether this node hears the delivery log (without it no viewer of a stream with video could be verified). */
	boolean listening() {
		return channel != null;
	}

	@Override
	public void start() {
		running = true;
		if (port < 0) {
			log.info("Viewer verification is off: no delivery log port (livepulse.playback.log-port=-1)");
			return;
		}
		try {
			DatagramChannel opened = DatagramChannel.open()
				.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER)
				.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			channel = opened;
			Thread.ofPlatform().daemon().name("playback-log").start(() -> receive(opened));
			log.info("Reading the media server's delivery log on udp://127.0.0.1:{}", port);
		}
		catch (IOException unavailable) {
			log.error("Viewer verification is off: cannot listen on udp://127.0.0.1:{} for the delivery log ({})", port,
					unavailable.getMessage());
		}
	}

	private void receive(DatagramChannel opened) {
		try {
			readLines(opened);
		}
		finally {
			// a reader that died takes verification with it, rather than leaving every video viewer uncounted
			if (channel == opened) {
				channel = null;
				log.error("The delivery log reader stopped; viewer verification is off until a restart");
			}
		}
	}

	private void readLines(DatagramChannel opened) {
		ByteBuffer buffer = ByteBuffer.allocate(4_096);
		while (running) {
			try {
				buffer.clear();
				opened.receive(buffer);
				buffer.flip();
				lines.increment();
				PlaybackLogLine.parse(StandardCharsets.UTF_8.decode(buffer).toString()).ifPresent(evidence::take);
			}
			catch (ClosedChannelException stopped) {
				return;
			}
			catch (IOException | RuntimeException unreadable) {
				log.debug("A delivery log line could not be read", unreadable);
			}
		}
	}

	@Override
	public void stop() {
		running = false;
		DatagramChannel open = channel;
		channel = null;
		if (open != null) {
			try {
				open.close();
			}
			catch (IOException ignored) {
				// closing
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
