package io.livepulse.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pin fan-out: M subscribers on one live stream's event stream; the seller pins one of two products in
 * turn, and each subscriber's delay is from just before the pin request was sent to the arrival of the
 * {@code product} event that carries that product (a subscriber that missed it and got the card only from
 * a later repeat counts with that longer delay; one that never got it is counted as undelivered).
 */
final class PinFanout {

	private static final Pattern PRODUCT_ID = Pattern.compile("\"productId\":(\\d+)");

	private PinFanout() {
	}

	static void run(Options options) throws Exception {
		String api = options.loopback("api");
		URI events = URI.create(options.loopback("base"));
		int subscribers = Math.min(options.integer("subscribers", 10_000), 20_000);
		int rounds = Math.clamp(options.integer("rounds", 10), 1, 100);
		String seller = Http.token(api, "bench-seller", "SELLER", 1L);
		String stream = Http.field(Http.post(api + "/api/streams", seller, "{\"title\":\"bench pins\"}").body(), "id");
		Http.post(api + "/api/streams/" + stream + "/start", seller, null);
		long[] products = new long[2];
		for (int i = 0; i < 2; i++) {
			products[i] = Long.parseLong(Http.field(Http.post(api + "/api/products", seller, """
					{"title":"Bench product %d","priceMinor":1999,"currency":"EUR",
					 "imageUrl":"https://shop.example.com/%d.jpg","productUrl":"https://shop.example.com/p/%d"}
					""".formatted(i, i, i)).body(), "id"));
		}
		if (Http.put(api + "/api/streams/" + stream + "/showcase", seller,
				"{\"productIds\":[" + products[0] + "," + products[1] + "]}").statusCode() != 200) {
			throw new IllegalStateException("could not set the bench showcase (is the shop-domain allow-list empty, in dev?)");
		}

		byte[] request = ("GET /api/streams/" + stream + "/events HTTP/1.1\r\nHost: " + events.getHost() + "\r\n"
				+ "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		InetSocketAddress address = new InetSocketAddress(events.getHost(), events.getPort());
		Latencies delays = new Latencies();
		Round round = new Round();
		List<Subscribers> clients = List.of(new Subscribers(address, request, delays, round),
				new Subscribers(address, request, delays, round));
		try {
			List<Thread> loops = clients.stream().map(client -> Thread.ofPlatform().name("pin-client").start(client::run))
				.toList();
			for (int i = 0; i < subscribers; i++) {
				clients.get(i % 2).open();
				while (clients.stream().mapToLong(c -> c.opened.get() - c.connected.get() - c.failed.get()).sum() > 200) {
					Thread.sleep(1);
				}
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (clients.stream().mapToLong(c -> c.connected.get() + c.failed.get()).sum() < subscribers
					&& System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			Thread.sleep(2_000);
			long connected = clients.stream().mapToLong(c -> c.connected.get()).sum();
			for (int r = 1; r <= rounds; r++) {
				long product = products[r % 2];
				round.start(r, product, System.currentTimeMillis());
				if (Http.post(api + "/api/streams/" + stream + "/pin", seller, "{\"productId\":" + product + "}")
					.statusCode() != 200) {
					throw new IllegalStateException("pin refused in round " + r);
				}
				Thread.sleep(2_500);
			}
			clients.forEach(Subscribers::stop);
			for (Thread loop : loops) {
				loop.join(10_000);
			}
			long expected = connected * rounds;
			options.record("pins.subscribers", subscribers);
			options.record("pins.connected", connected);
			options.record("pins.rounds", rounds);
			options.record("pins.delivered", delays.count());
			options.record("pins.expected", expected);
			options.record("pins.p50Ms", Latencies.ms(delays.percentileMillis(50)));
			options.record("pins.p99Ms", Latencies.ms(delays.percentileMillis(99)));
			options.record("pins.maxMs", Latencies.ms(delays.percentileMillis(100)));
		}
		finally {
			for (Subscribers client : clients) {
				client.close();
			}
		}
	}

	/** The pin under way: its number, the product it pins, when its request was sent. */
	private static final class Round {

		volatile int number;
		volatile long product;
		volatile long sentMillis;

		void start(int number, long product, long sentMillis) {
			this.product = product;
			this.sentMillis = sentMillis;
			this.number = number;
		}
	}

	/** Subscribers on one selector; each keeps its current line and the last round it saw. */
	private static final class Subscribers implements AutoCloseable {

		private static final class Connection {

			boolean answered;
			boolean productEvent;
			int lastRound;
			final StringBuilder line = new StringBuilder();
		}

		private final InetSocketAddress address;
		private final byte[] request;
		private final Latencies delays;
		private final Round round;
		private final Selector selector = Selector.open();
		private final java.util.Queue<SocketChannel> toRegister = new java.util.concurrent.ConcurrentLinkedQueue<>();
		private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
		final AtomicLong opened = new AtomicLong();
		final AtomicLong connected = new AtomicLong();
		final AtomicLong failed = new AtomicLong();
		private volatile boolean running = true;

		Subscribers(InetSocketAddress address, byte[] request, Latencies delays, Round round) throws IOException {
			this.address = address;
			this.request = request;
			this.delays = delays;
			this.round = round;
		}

		void open() throws IOException {
			SocketChannel channel = SocketChannel.open();
			channel.configureBlocking(false);
			channel.connect(address);
			opened.incrementAndGet();
			toRegister.add(channel);
			selector.wakeup();
		}

		void run() {
			while (running) {
				try {
					selector.select(200);
					for (SocketChannel channel; (channel = toRegister.poll()) != null;) {
						channel.register(selector, SelectionKey.OP_CONNECT, new Connection());
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
						if (connection.line.length() < 2048) {
							connection.line.append(c);
						}
						continue;
					}
					line(connection, connection.line.toString(), now);
					connection.line.setLength(0);
				}
			}
			catch (IOException broken) {
				fail(key);
			}
		}

		private void line(Connection connection, String line, long now) {
			if (line.startsWith("event:")) {
				connection.productEvent = line.equals("event:product");
			}
			else if (line.startsWith("data:") && connection.productEvent) {
				int current = round.number;
				Matcher id = PRODUCT_ID.matcher(line);
				if (current > connection.lastRound && id.find() && Long.parseLong(id.group(1)) == round.product) {
					connection.lastRound = current;
					delays.add(Math.max(0, now - round.sentMillis) * 1000);
				}
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

		void stop() {
			running = false;
			selector.wakeup();
		}

		@Override
		public void close() throws IOException {
			stop();
			for (SelectionKey key : selector.keys()) {
				key.channel().close();
			}
			selector.close();
		}
	}
}
