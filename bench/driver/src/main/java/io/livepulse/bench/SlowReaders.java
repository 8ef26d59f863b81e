package io.livepulse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

/**
 * Slow readers against a busy chat: an attacker at {@code --attacker} keeps up to {@code --slow} event
 * streams open on {@code --events}, each with a 2 KB receive buffer, reading the response head and then
 * nothing; whenever one is closed or reset it opens another at once (as the audit did, to recycle freed
 * places). Meanwhile {@code --ordinary} subscribers read the same stream normally and signed-in users post
 * {@code --rate} chat messages a second ({@code --padding} extra characters each) for {@code --seconds}.
 * Every second the kernel's TCP memory ({@code /proc/net/sockstat}), the bytes queued in the sockets on the
 * events port ({@code /proc/net/tcp} tx_queue) and how many of them are in FIN-WAIT-1 are sampled.
 * Reports the ordinary subscribers' delivery delays (from each post's acknowledgement), the attacker's
 * connections, and the highest figures seen against those before the attack. Bounded: at most 500
 * attackers at once, 20,000 connection attempts, 2,000 ordinary subscribers, 300 messages/s, 180 s.
 */
final class SlowReaders {

	private static final int FIN_WAIT1 = 0x04;

	private SlowReaders() {
	}

	static void run(Options options) throws Exception {
		String api = options.loopback("api");
		URI events = URI.create(options.loopback("events"));
		int slow = Math.clamp(options.integer("slow", 50), 1, 500);
		int ordinary = Math.clamp(options.integer("ordinary", 50), 1, 2_000);
		int rate = Math.clamp(options.integer("rate", 120), 1, 300);
		int seconds = Math.clamp(options.integer("seconds", 60), 5, 180);
		int padding = Math.clamp(options.integer("padding", 200), 0, 280);
		InetAddress attacker = InetAddress.getByName(options.get("attacker", "127.0.0.5"));
		if (!attacker.isLoopbackAddress()) {
			throw new IllegalArgumentException("--attacker must be a loopback address");
		}
		String seller = Http.token(api, "bench-slow-seller", "SELLER", 3L);
		String stream = Http.field(Http.post(api + "/api/streams", seller, "{\"title\":\"slow readers\"}").body(), "id");
		Http.post(api + "/api/streams/" + stream + "/start", seller, null);
		List<String> tokens = Http.viewerTokens(api, "slow-chatter-", Math.max(rate * 2, 50));
		InetSocketAddress target = new InetSocketAddress(events.getHost(), events.getPort());
		String path = "/api/streams/" + stream + "/events";
		int due = rate * seconds;
		AtomicLongArray ackedAt = new AtomicLongArray(due);
		AtomicLongArray delays = new AtomicLongArray(ChatLoad.MAX_DELAY_MS + 1);
		AtomicLong delivered = new AtomicLong();
		Kernel before = Kernel.sample(target.getPort());
		try (EventSubscribers<java.util.BitSet> readers = EventSubscribers.start(target, path, "chat", java.util.BitSet::new,
				(seen, line, length, now) -> ChatLoad.count(seen, line, length, now, due, ackedAt, delays, delivered))) {
			for (int i = 0; i < ordinary; i++) {
				readers.open();
			}
			long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (readers.connected.get() + readers.failed.get() < ordinary && System.nanoTime() < connectDeadline) {
				Thread.sleep(50);
			}
			Attacker attack = new Attacker(target, attacker, path, slow);
			Thread attackThread = Thread.ofPlatform().daemon().name("slow-readers").start(attack);
			Kernel[] peak = { before };
			Thread sampler = Thread.ofPlatform().daemon().name("kernel-sampler").start(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					try {
						peak[0] = peak[0].max(Kernel.sample(target.getPort()));
						Thread.sleep(1_000);
					}
					catch (InterruptedException stop) {
						return;
					}
					catch (IOException unreadable) {
						return;
					}
				}
			});
			ChatLoad.Posts posts = new ChatLoad.Posts(api + "/api/streams/" + stream + "/chat", tokens, ackedAt,
					"x".repeat(padding));
			posts.run(due, rate, seconds);
			Thread.sleep(3_000);
			attack.stop();
			attackThread.join(10_000);
			sampler.interrupt();
			sampler.join(5_000);
			options.record("slow.attackers", slow);
			options.record("slow.opened", attack.opened.get());
			options.record("slow.answered200", attack.answered.get());
			options.record("slow.refused", attack.refused.get());
			options.record("slow.mostOpenAtOnce", attack.mostOpen.get());
			options.record("slow.ordinary", ordinary);
			options.record("slow.ordinaryConnected", readers.connected.get());
			options.record("slow.rate", rate);
			options.record("slow.messageBytes", 20 + padding);
			options.record("slow.acknowledged", posts.acknowledged.get());
			options.record("slow.delivered", delivered.get());
			options.record("slow.expected", readers.connected.get() * posts.acknowledged.get());
			options.record("slow.deliveryP50Ms", ChatLoad.percentile(delays, 50));
			options.record("slow.deliveryP99Ms", ChatLoad.percentile(delays, 99));
			options.record("slow.deliveryMaxMs", ChatLoad.percentile(delays, 100));
			options.record("slow.tcpMemBeforeMb", mb(before.tcpMemBytes()));
			options.record("slow.tcpMemPeakMb", mb(peak[0].tcpMemBytes()));
			options.record("slow.queuedOnPortPeakMb", mb(peak[0].queuedOnPort()));
			options.record("slow.finWait1PeakOnPort", peak[0].finWait1OnPort());
			options.record("slow.socketsOnPortPeak", peak[0].socketsOnPort());
		}
		Http.post(api + "/api/streams/" + stream + "/end", seller, "{\"save\":false}");
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
	}

	/** Keeps up to N slow readers open, replacing each that the service closes or resets. */
	private static final class Attacker implements Runnable {

		static final int MAX_ATTEMPTS = 20_000;
		final AtomicLong opened = new AtomicLong();
		final AtomicLong answered = new AtomicLong();
		final AtomicLong refused = new AtomicLong();
		final AtomicLong mostOpen = new AtomicLong();
		private final InetSocketAddress target;
		private final InetAddress source;
		private final String path;
		private final int slots;
		private final List<Socket> open = new ArrayList<>();
		private volatile boolean running = true;

		Attacker(InetSocketAddress target, InetAddress source, String path, int slots) {
			this.target = target;
			this.source = source;
			this.path = path;
			this.slots = slots;
		}

		void stop() {
			running = false;
		}

		@Override
		public void run() {
			try {
				while (running && opened.get() < MAX_ATTEMPTS) {
					dropClosed();
					// a refusal ends this round: the next one is 200 ms later, so refused attempts do not spin the cores
					while (open.size() < slots && running && opened.get() < MAX_ATTEMPTS) {
						Socket socket = openOne();
						if (socket == null) {
							break;
						}
						open.add(socket);
					}
					mostOpen.accumulateAndGet(open.size(), Math::max);
					Thread.sleep(200);
				}
			}
			catch (InterruptedException | IOException stopped) {
				// the pass ends; the sockets are closed below
			}
			finally {
				open.forEach(SlowReaders::closeQuietly);
			}
		}

		/** A slow reader answered 200, or null when it was refused (closed at once). */
		private Socket openOne() throws IOException {
			opened.incrementAndGet();
			Socket socket = new Socket();
			socket.setReceiveBufferSize(2048);
			socket.bind(new InetSocketAddress(source, 0));
			try {
				socket.connect(target, 5_000);
				socket.setSoTimeout(5_000);
				socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + target.getHostString()
						+ "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				String status = statusLine(socket.getInputStream());
				if (status.startsWith("HTTP/1.1 200")) {
					answered.incrementAndGet();
					return socket;
				}
			}
			catch (IOException refusedOrReset) {
				// counted as refused
			}
			refused.incrementAndGet();
			closeQuietly(socket);
			return null;
		}

		/** Forgets the sockets the kernel reports closed, reset or half-closed by the service (its own table). */
		private void dropClosed() throws IOException {
			Set<Integer> alive = Kernel.establishedLocalPorts(target.getPort());
			for (Iterator<Socket> each = open.iterator(); each.hasNext();) {
				Socket socket = each.next();
				if (!alive.contains(socket.getLocalPort())) {
					closeQuietly(socket);
					each.remove();
				}
			}
		}
	}

	/** Reads the status line and the rest of the head, byte by byte, so no event is read. */
	private static String statusLine(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n") && head.length() < 4096) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			head.append((char) next);
		}
		int end = head.indexOf("\r\n");
		return end < 0 ? head.toString() : head.substring(0, end);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ignored) {
			// closing
		}
	}

	/** One reading of the kernel's TCP figures: all TCP memory, and the sockets whose local port is the events port. */
	record Kernel(long tcpMemBytes, long queuedOnPort, long finWait1OnPort, long socketsOnPort) {

		Kernel max(Kernel other) {
			return new Kernel(Math.max(tcpMemBytes, other.tcpMemBytes), Math.max(queuedOnPort, other.queuedOnPort),
					Math.max(finWait1OnPort, other.finWait1OnPort), Math.max(socketsOnPort, other.socketsOnPort));
		}

		static Kernel sample(int port) throws IOException {
			long pages = 0;
			for (String line : Files.readAllLines(Path.of("/proc/net/sockstat"))) {
				if (line.startsWith("TCP:")) {
					String[] fields = line.trim().split("\\s+");
					for (int i = 1; i + 1 < fields.length; i++) {
						if (fields[i].equals("mem")) {
							pages = Long.parseLong(fields[i + 1]);
						}
					}
				}
			}
			long queued = 0;
			long finWait1 = 0;
			long sockets = 0;
			for (String[] row : rows()) {
				if (localPort(row) == port) {
					sockets++;
					queued += Long.parseLong(row[4].split(":")[0], 16);
					if (Integer.parseInt(row[3], 16) == FIN_WAIT1) {
						finWait1++;
					}
				}
			}
			return new Kernel(pages * 4096, queued, finWait1, sockets);
		}

		/** The local ports of this host's connections to the port that are still established (state 01). */
		static Set<Integer> establishedLocalPorts(int remotePort) throws IOException {
			return rows().stream()
				.filter(row -> Integer.parseInt(row[2].substring(row[2].lastIndexOf(':') + 1), 16) == remotePort)
				.filter(row -> Integer.parseInt(row[3], 16) == 0x01)
				.map(Kernel::localPort)
				.collect(Collectors.toSet());
		}

		private static int localPort(String[] row) {
			return Integer.parseInt(row[1].substring(row[1].lastIndexOf(':') + 1), 16);
		}

		private static List<String[]> rows() throws IOException {
			List<String[]> rows = new ArrayList<>();
			for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
				Path file = Path.of(table);
				if (Files.exists(file)) {
					Files.readAllLines(file).stream().skip(1).map(line -> line.trim().split("\\s+"))
						.filter(row -> row.length > 4).forEach(rows::add);
				}
			}
			return rows;
		}
	}
}
