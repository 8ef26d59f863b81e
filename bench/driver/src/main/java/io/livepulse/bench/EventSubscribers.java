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
 * with the connection's own state object and the arrival time. Lines are assembled as bytes, never
 * decoded unless a handler asks: with 10,000 subscribers the driver reads every event 10,000 times on the
 * cores the service uses too, and a char-by-char decoder made it the slowest part of the measurement.
 */
final class EventSubscribers<S> implements AutoCloseable {

	/**
	 * Called on the selector thread for each data line of the watched event: {@code line[0..length)} holds
	 * it without its newline, valid only during the call.
	 */
	interface Handler<S> {

		void data(S state, byte[] line, int length, long arrivalMillis);
	}

	/** A line's text, for handlers that look at few lines. */
	static String text(byte[] line, int length) {
		return new String(line, 0, length, StandardCharsets.UTF_8);
	}

	private static final int MAX_LINE = 64 * 1024;
	private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);

	private final class Connection {

		boolean answered;
		boolean headDone;
		boolean chunked;
		/** Chunked body: -1 while a chunk-size line is read, else the bytes left in the chunk (then its CRLF). */
		long chunkLeft = -1;
		long chunkSize;
		boolean skippingChunkEnd;
		boolean watched;
		final S state;
		byte[] line = new byte[256];
		int length;

		Connection(S state) {
			this.state = state;
		}

		void append(byte[] bytes, int from, int to) {
			int count = Math.min(to - from, MAX_LINE - length);
			if (length + count > line.length) {
				line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, length + count)));
			}
			System.arraycopy(bytes, from, line, length, count);
			length += count;
		}
	}

	private final InetSocketAddress address;
	private final byte[] request;
	private final byte[] eventLine; // null: every event
	private final byte[] fieldPrefix;
	private final java.util.function.Supplier<S> states;
	private final Handler<S> handler;
	private final Selector selector = Selector.open();
	private final Queue<SocketChannel> toRegister = new ConcurrentLinkedQueue<>();
	private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
	final AtomicLong opened = new AtomicLong();
	final AtomicLong connected = new AtomicLong();
	final AtomicLong failed = new AtomicLong();
	private volatile boolean running = true;
	private Thread loop;

	private EventSubscribers(InetSocketAddress address, String path, String event, String field,
			java.util.function.Supplier<S> states, Handler<S> handler) throws IOException {
		this.address = address;
		this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + "\r\n"
				+ "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		this.eventLine = event == null ? null : ("event:" + event).getBytes(StandardCharsets.US_ASCII);
		this.fieldPrefix = (field + ":").getBytes(StandardCharsets.US_ASCII);
		this.states = states;
		this.handler = handler;
	}

	/** Subscribers handed the {@code data:} lines of {@code event} on {@code path}, their selector thread started. */
	static <S> EventSubscribers<S> start(InetSocketAddress address, String path, String event,
			java.util.function.Supplier<S> states, Handler<S> handler) throws IOException {
		return start(address, path, event, "data", states, handler);
	}

	/**
	 * Subscribers handed the lines of {@code field} ({@code data}, {@code id}) of {@code event}, or of every
	 * event when it is null.
	 */
	static <S> EventSubscribers<S> start(InetSocketAddress address, String path, String event, String field,
			java.util.function.Supplier<S> states, Handler<S> handler) throws IOException {
		EventSubscribers<S> subscribers = new EventSubscribers<>(address, path, event, field, states, handler);
		subscribers.loop = Thread.ofPlatform().name("event-subscribers").start(subscribers::run);
		return subscribers;
	}

	/**
	 * Opens {@code count} subscribers dealt in turn to the groups, at most 200 connecting at once, waits up to
	 * a minute until each is connected or failed and then {@code settleMillis} more; the number connected.
	 */
	static long openSpread(java.util.List<? extends EventSubscribers<?>> groups, int count, long settleMillis)
			throws IOException, InterruptedException {
		for (int i = 0; i < count; i++) {
			groups.get(i % groups.size()).open();
			while (groups.stream().mapToLong(EventSubscribers::pending).sum() > 200) {
				Thread.sleep(1);
			}
		}
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
		while (groups.stream().mapToLong(g -> g.connected.get() + g.failed.get()).sum() < count
				&& System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		Thread.sleep(settleMillis);
		return groups.stream().mapToLong(g -> g.connected.get()).sum();
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
			receive(connection, buffer.array(), buffer.position(), buffer.limit(), System.currentTimeMillis());
		}
		catch (IOException broken) {
			fail(key);
		}
	}

	/**
	 * The response head (noting a chunked body), then the body: as it comes, or taken out of its chunks (the web
	 * server and nginx send event streams chunked; a chunk-size line in the middle of a data line would break it).
	 */
	private void receive(Connection connection, byte[] bytes, int from, int end, long now) {
		int i = from;
		while (i < end) {
			if (!connection.headDone) {
				int newline = indexOf(bytes, i, end, (byte) '\n');
				if (newline < 0) {
					connection.append(bytes, i, end);
					return;
				}
				connection.append(bytes, i, newline);
				i = newline + 1;
				String header = text(connection.line, connection.length).trim().toLowerCase(java.util.Locale.ROOT);
				connection.length = 0;
				if (header.isEmpty()) {
					connection.headDone = true;
				}
				else if (header.startsWith("transfer-encoding:") && header.contains("chunked")) {
					connection.chunked = true;
				}
			}
			else if (!connection.chunked) {
				body(connection, bytes, i, end, now);
				return;
			}
			else if (connection.skippingChunkEnd) {
				int newline = indexOf(bytes, i, end, (byte) '\n');
				i = newline < 0 ? end : newline + 1;
				connection.skippingChunkEnd = newline < 0;
			}
			else if (connection.chunkLeft < 0) {
				for (; i < end && bytes[i] != '\n'; i++) {
					int digit = Character.digit(bytes[i], 16);
					if (connection.chunkSize >= 0) {
						// the size is read until a ';' (an extension) or the CR; kept negative after that
						connection.chunkSize = digit >= 0 ? connection.chunkSize * 16 + digit : -connection.chunkSize - 1;
					}
				}
				if (i < end) {
					i++;
					long size = connection.chunkSize < 0 ? -connection.chunkSize - 1 : connection.chunkSize;
					connection.chunkSize = 0;
					connection.chunkLeft = size;
					if (size == 0) {
						return;
					}
				}
			}
			else {
				int take = (int) Math.min(connection.chunkLeft, end - i);
				body(connection, bytes, i, i + take, now);
				i += take;
				connection.chunkLeft -= take;
				if (connection.chunkLeft == 0) {
					connection.chunkLeft = -1;
					connection.skippingChunkEnd = true;
				}
			}
		}
	}

	private static int indexOf(byte[] bytes, int from, int end, byte wanted) {
		for (int i = from; i < end; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

	/** Body bytes: split into lines, each handed to {@link #line}. */
	private void body(Connection connection, byte[] bytes, int from, int end, long now) {
		for (int i = from; i < end; i++) {
			if (bytes[i] != '\n') {
				continue;
			}
			connection.append(bytes, from, i);
			from = i + 1;
			line(connection, now);
			connection.length = 0;
		}
		connection.append(bytes, from, end);
	}

	private void line(Connection connection, long now) {
		byte[] line = connection.line;
		int length = connection.length;
		if (eventLine == null) {
			if (startsWith(line, length, fieldPrefix)) {
				handler.data(connection.state, line, length, now);
			}
		}
		else if (startsWith(line, length, EVENT)) {
			connection.watched = length == eventLine.length && startsWith(line, length, eventLine);
		}
		else if (connection.watched && startsWith(line, length, fieldPrefix)) {
			handler.data(connection.state, line, length, now);
		}
	}

	private static boolean startsWith(byte[] line, int length, byte[] prefix) {
		return length >= prefix.length && java.util.Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
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
