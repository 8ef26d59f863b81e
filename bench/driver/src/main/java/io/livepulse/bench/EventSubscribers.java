package io.livepulse.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many event-stream subscribers on one selector thread. Each connection sends one GET, must be answered
 * {@code HTTP/1.1 200}, and then hands every {@code data:} line of the named event to {@link Handler}
 * with the connection's own state object and the arrival time.
 */
final class EventSubscribers<S> implements AutoCloseable {

	/** Called on the selector thread for each data line of the watched event. */
	interface Handler<S> {

		void data(S state, String line, long arrivalMillis);
	}

	private final class Connection {

		boolean answered;
		boolean watched;
		final S state;
		final StringBuilder line = new StringBuilder();

		Connection(S state) {
			this.state = state;
		}
	}

	private final InetSocketAddress address;
	private final byte[] request;
	private final String eventLine;
	private final java.util.function.Supplier<S> states;
	private final Handler<S> handler;
	private final Selector selector = Selector.open();
	private final Queue<SocketChannel> toRegister = new ConcurrentLinkedQueue<>();
	private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
	final AtomicLong opened = new AtomicLong();
	final AtomicLong connected = new AtomicLong();
	final AtomicLong failed = new AtomicLong();
	private volatile boolean running = true;
	private Thread loop;

	private EventSubscribers(InetSocketAddress address, String path, String event, java.util.function.Supplier<S> states,
			Handler<S> handler) throws IOException {
		this.address = address;
		this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + "\r\n"
				+ "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		this.eventLine = "event:" + event;
		this.states = states;
		this.handler = handler;
	}

	/** Subscribers of {@code event} on {@code path}, their selector thread started. */
	static <S> EventSubscribers<S> start(InetSocketAddress address, String path, String event,
			java.util.function.Supplier<S> states, Handler<S> handler) throws IOException {
		EventSubscribers<S> subscribers = new EventSubscribers<>(address, path, event, states, handler);
		subscribers.loop = Thread.ofPlatform().name("event-subscribers").start(subscribers::run);
		return subscribers;
	}

	/** Opens one more subscriber (connected asynchronously). */
	void open() throws IOException {
		SocketChannel channel = SocketChannel.open();
		channel.configureBlocking(false);
		channel.connect(address);
		opened.incrementAndGet();
		toRegister.add(channel);
		selector.wakeup();
	}

	long pending() {
		return opened.get() - connected.get() - failed.get();
	}

	private void run() {
		while (running) {
			try {
				selector.select(200);
				for (SocketChannel channel; (channel = toRegister.poll()) != null;) {
					channel.register(selector, SelectionKey.OP_CONNECT, new Connection(states.get()));
				}
				for (SelectionKey key : selector.selectedKeys()) {
					handle(key);
				}
				selector.selectedKeys().clear();
			}
			catch (IOException unexpected) {
				throw new java.io.UncheckedIOException(unexpected);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void handle(SelectionKey key) {
		SocketChannel channel = (SocketChannel) key.channel();
		Connection connection = (Connection) key.attachment();
		try {
			if (key.isConnectable()) {
				channel.finishConnect();
				channel.write(ByteBuffer.wrap(request));
				key.interestOps(SelectionKey.OP_READ);
				return;
			}
			buffer.clear();
			int read = channel.read(buffer);
			if (read < 0) {
				fail(key);
				return;
			}
			buffer.flip();
			if (!connection.answered) {
				connection.answered = true;
				if (read < 12 || !StandardCharsets.US_ASCII.decode(buffer.slice(0, 12)).toString().equals("HTTP/1.1 200")) {
					fail(key);
					return;
				}
				connected.incrementAndGet();
			}
			long now = System.currentTimeMillis();
			while (buffer.hasRemaining()) {
				char c = (char) (buffer.get() & 0xff);
				if (c != '\n') {
					if (connection.line.length() < 64 * 1024) {
						connection.line.append(c);
					}
					continue;
				}
				String line = connection.line.toString();
				connection.line.setLength(0);
				if (line.startsWith("event:")) {
					connection.watched = line.equals(eventLine);
				}
				else if (connection.watched && line.startsWith("data:")) {
					handler.data(connection.state, line, now);
				}
			}
		}
		catch (IOException broken) {
			fail(key);
		}
	}

	private void fail(SelectionKey key) {
		failed.incrementAndGet();
		key.cancel();
		try {
			key.channel().close();
		}
		catch (IOException ignored) {
			// gone either way
		}
	}

	/** Stops the selector thread and closes every connection; closing again does nothing. */
	@Override
	public synchronized void close() throws IOException {
		if (!selector.isOpen()) {
			return;
		}
		running = false;
		selector.wakeup();
		if (loop != null) {
			try {
				loop.join(10_000);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		for (SelectionKey key : selector.keys()) {
			key.channel().close();
		}
		selector.close();
	}
}
