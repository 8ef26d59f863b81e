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

/**
 * M SSE subscribers on one stream, held by one selector thread over plain NIO (the lightest client
 * we can run on the cores the service also uses). The service stamps each event's {@code id} with
 * the wall-clock millisecond it built the payload; delivery delay is arrival minus that stamp (one
 * machine, one clock). Heap per subscriber is the service's live heap (after a full GC) with the
 * subscribers connected minus the same before they connect.
 */
final class SseLoad {

	private SseLoad() {
	}

	static void run(Options options) throws Exception {
		URI base = URI.create(options.loopback("base"));
		String stream = options.get("stream");
		int subscribers = Math.min(options.integer("subscribers", 10_000), 20_000);
		int seconds = Math.min(options.integer("seconds", 30), 120);
		String pid = options.get("pid");
		long heapBefore = heapAfterGc(pid, null);

		byte[] request = ("GET /api/streams/" + stream + "/events HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
				+ "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
		int threads = Math.clamp(options.integer("client-threads", 2), 1, 8);
		Latencies delays = new Latencies();
		List<Subscribers> clients = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			clients.add(new Subscribers(address, request, delays));
		}
		try {
			List<Thread> loops = clients.stream()
				.map(client -> Thread.ofPlatform().name("sse-client").start(client::run)).toList();
			for (int i = 0; i < subscribers; i++) {
				clients.get(i % threads).open();
				while (sum(clients, Subscribers::opened) - sum(clients, Subscribers::connected)
						- sum(clients, Subscribers::failed) > 200) {
					Thread.sleep(1); // at most 200 handshakes in flight, like a crowd arriving
				}
			}
			long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (sum(clients, Subscribers::connected) + sum(clients, Subscribers::failed) < subscribers
					&& System.nanoTime() < connectDeadline) {
				Thread.sleep(100);
			}
			Thread.sleep(3_000);
			delays.reset();
			clients.forEach(Subscribers::startMeasuring);
			long measuringFrom = System.nanoTime();
			double serviceCpuFrom = CpuTime.ofProcess(pid);
			double clientCpuFrom = CpuTime.ofThisProcess();
			Thread.sleep(seconds * 1000L);
			double measured = (System.nanoTime() - measuringFrom) / 1e9;
			clients.forEach(Subscribers::stopMeasuring);
			double serviceCpu = CpuTime.ofProcess(pid) - serviceCpuFrom;
			double clientCpu = CpuTime.ofThisProcess() - clientCpuFrom;
			long heapWith = heapAfterGc(pid, options.get("histogram", null));
			long events = delays.count();
			long connected = sum(clients, Subscribers::connected);
			clients.forEach(Subscribers::stop);
			for (Thread loop : loops) {
				loop.join(10_000);
			}

			options.record("sse.subscribers", subscribers);
			options.record("sse.connected", connected);
			options.record("sse.failedOrClosed", sum(clients, Subscribers::failed));
			options.record("sse.clientThreads", threads);
			options.record("sse.seconds", Math.round(measured));
			options.record("sse.eventsReceived", events);
			options.record("sse.eventsPerSubscriberPerSecond", String.format(java.util.Locale.ROOT, "%.2f",
					events / Math.max(1.0, connected) / measured));
			options.record("sse.p50Ms", Latencies.ms(delays.percentileMillis(50)));
			options.record("sse.p99Ms", Latencies.ms(delays.percentileMillis(99)));
			options.record("sse.maxMs", Latencies.ms(delays.percentileMillis(100)));
			// CPU the service and this client spent per second of measuring, in core-seconds (the machine has 2)
			options.record("sse.serviceCpuCoresBusy", String.format(java.util.Locale.ROOT, "%.2f", serviceCpu / measured));
			options.record("sse.clientCpuCoresBusy", String.format(java.util.Locale.ROOT, "%.2f", clientCpu / measured));
			options.record("sse.heapBeforeBytes", heapBefore);
			options.record("sse.heapWithSubscribersBytes", heapWith);
			options.record("sse.heapPerSubscriberBytes", connected == 0 ? 0 : (heapWith - heapBefore) / connected);
		}
		finally {
			for (Subscribers client : clients) {
				client.close();
			}
		}
	}

	private static long sum(List<Subscribers> clients, java.util.function.ToLongFunction<Subscribers> figure) {
		return clients.stream().mapToLong(figure).sum();
	}

	/**
	 * Live heap of the service: {@code jcmd GC.class_histogram} runs a full GC and lists only live
	 * objects, so its total is not blurred by garbage allocated between a GC and a gauge read.
	 */
	static long heapAfterGc(String pid, String saveTopTo) throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder("jcmd", pid, "GC.class_histogram").redirectErrorStream(true).start();
		long total = -1;
		StringBuilder top = new StringBuilder();
		try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(jcmd.getInputStream()))) {
			int n = 0;
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (n++ < 18) {
					top.append(line).append('\n');
				}
				String trimmed = line.trim();
				if (trimmed.startsWith("Total")) {
					String[] parts = trimmed.split("\\s+");
					total = Long.parseLong(parts[2]);
				}
			}
		}
		jcmd.waitFor(60, TimeUnit.SECONDS);
		if (saveTopTo != null) {
			java.nio.file.Files.writeString(java.nio.file.Path.of(saveTopTo), top + "Total live heap: " + total + " bytes\n");
		}
		if (total < 0) {
			throw new IllegalStateException("jcmd GC.class_histogram gave no total for pid " + pid);
		}
		return total;
	}

	/** The subscribers' sockets, all on one selector; reads only the {@code id:} lines of each event. */
	private static final class Subscribers implements AutoCloseable {

		/** Per subscriber: where its parser stands in the current line, and the id digits so far. */
		private static final class Parser {

			boolean answered;
			int state; // 0 line start, 1 'i', 2 'id', 3 digits after 'id:', 4 rest of a line
			long value;
		}

		private final InetSocketAddress address;
		private final byte[] request;
		private final Selector selector;
		private final java.util.Queue<SocketChannel> toRegister = new java.util.concurrent.ConcurrentLinkedQueue<>();
		private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
		private final AtomicLong opened = new AtomicLong();
		private final AtomicLong connected = new AtomicLong();
		private final AtomicLong failed = new AtomicLong();
		private final Latencies delays;
		private volatile boolean measuring;
		private volatile boolean running = true;

		Subscribers(InetSocketAddress address, byte[] request, Latencies delays) throws IOException {
			this.address = address;
			this.delays = delays;
			this.request = request;
			this.selector = Selector.open();
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
						channel.register(selector, SelectionKey.OP_CONNECT, new Parser());
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
			Parser parser = (Parser) key.attachment();
			try {
				if (key.isConnectable()) {
					channel.finishConnect();
					channel.write(ByteBuffer.wrap(request)); // a few dozen bytes always fit a fresh socket
					key.interestOps(SelectionKey.OP_READ);
					return;
				}
				buffer.clear();
				int read = channel.read(buffer);
				if (read < 0) {
					fail(key, parser);
					return;
				}
				buffer.flip();
				if (!parser.answered) {
					parser.answered = true;
					if (read < 12 || !StandardCharsets.US_ASCII.decode(buffer.slice(0, 12)).toString().equals("HTTP/1.1 200")) {
						fail(key, parser);
						return;
					}
					connected.incrementAndGet();
				}
				parse(parser);
			}
			catch (IOException broken) {
				fail(key, parser);
			}
		}

		private void parse(Parser parser) {
			long now = System.currentTimeMillis();
			while (buffer.hasRemaining()) {
				byte b = buffer.get();
				if (b == '\n') {
					if (parser.state == 3 && measuring) {
						delays.add(Math.max(0, now - parser.value) * 1000);
					}
					parser.state = 0;
					continue;
				}
				parser.state = switch (parser.state) {
					case 0 -> b == 'i' ? 1 : 4;
					case 1 -> b == 'd' ? 2 : 4;
					case 2 -> {
						parser.value = 0;
						yield b == ':' ? 3 : 4;
					}
					case 3 -> {
						if (b >= '0' && b <= '9') {
							parser.value = parser.value * 10 + (b - '0');
						}
						yield 3;
					}
					default -> 4;
				};
			}
		}

		private void fail(SelectionKey key, Parser parser) {
			failed.incrementAndGet();
			key.cancel();
			try {
				key.channel().close();
			}
			catch (IOException ignored) {
				// gone either way
			}
		}

		void startMeasuring() {
			measuring = true;
		}

		void stopMeasuring() {
			measuring = false;
		}

		long opened() {
			return opened.get();
		}

		long connected() {
			return connected.get();
		}

		long failed() {
			return failed.get();
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
