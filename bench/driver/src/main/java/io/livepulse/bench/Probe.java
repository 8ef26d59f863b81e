package io.livepulse.bench;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The ordinary client of the attack suite: while an attack runs, one request every interval
 * (open-loop: each starts on time on a thread of its own, however long earlier ones wait), each
 * on a fresh connection (a client arriving, not one that got in before the attack), optionally from
 * another loopback address than the attacker's. Records how many got their answer, how long they
 * took (from before connecting to the answer), and what the failures were.
 * <ul>
 * <li>{@code get}: {@code GET --path}, a 200 counts;</li>
 * <li>{@code viewer}: an anonymous viewer with a cookie jar, alternately heartbeating on
 * {@code --stream} and reading its engagement; a 200 counts, and the highest public viewer count
 * seen is recorded;</li>
 * <li>{@code sse}: {@code GET --path} as an event stream; counts once the first event's data line
 * arrives.</li>
 * </ul>
 */
final class Probe {

	private Probe() {
	}

	static void run(Options options) throws Exception {
		URI base = URI.create(options.loopback("base"));
		InetAddress source = Wire.loopback(options.get("bind", null));
		String mode = options.get("mode", "get");
		int intervalMs = Math.clamp(options.integer("interval-ms", 100), 10, 10_000);
		int seconds = Math.clamp(options.integer("seconds", 30), 1, 300);
		int timeoutMs = Math.clamp(options.integer("timeout-ms", 5000), 100, 30_000);
		long maxAttempts = seconds * 1000L / intervalMs + 1;
		String path = mode.equals("viewer") ? null : options.get("path");
		String stream = mode.equals("viewer") ? options.get("stream") : null;

		Latencies latencies = new Latencies();
		Map<String, Long> failures = new ConcurrentSkipListMap<>();
		Map<String, String> cookies = new ConcurrentHashMap<>();
		AtomicLong maxViewers = new AtomicLong(-1);
		AtomicLong lastViewers = new AtomicLong(-1);
		AtomicLong ok = new AtomicLong();
		long attempts = 0;
		Semaphore outstanding = new Semaphore(200);
		long start = System.nanoTime();
		long end = start + seconds * 1_000_000_000L;
		// open-loop: attempt i starts at its due time on a thread of its own, whatever earlier ones are waiting for
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (long i = 0; i < maxAttempts && System.nanoTime() < end; i++) {
				long due = start + i * intervalMs * 1_000_000L;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
				attempts++;
				if (!outstanding.tryAcquire()) {
					failures.merge("too-many-waiting", 1L, Long::sum);
					continue;
				}
				long index = i;
				pool.submit(() -> {
					try {
						long took = attempt(base, source, mode, path, stream, index, timeoutMs, cookies, maxViewers, lastViewers);
						ok.incrementAndGet();
						latencies.add(took);
					}
					catch (StatusException status) {
						failures.merge("status-" + status.status, 1L, Long::sum);
					}
					catch (Exception failed) {
						failures.merge(Wire.kind(failed), 1L, Long::sum);
					}
					finally {
						outstanding.release();
					}
				});
			}
		}
		options.record("probe.mode", mode);
		options.record("probe.source", source == null ? "default" : source.getHostAddress());
		options.record("probe.intervalMs", intervalMs);
		options.record("probe.attempts", attempts);
		options.record("probe.ok", ok.get());
		options.record("probe.failed", attempts - ok.get());
		options.record("probe.successPercent", String.format(java.util.Locale.ROOT, "%.1f", attempts == 0 ? 0 : 100.0 * ok.get() / attempts));
		options.record("probe.p50Ms", Latencies.ms(latencies.percentileMillis(50)));
		options.record("probe.p99Ms", Latencies.ms(latencies.percentileMillis(99)));
		options.record("probe.maxMs", Latencies.ms(latencies.percentileMillis(100)));
		options.record("probe.failures", failures.isEmpty() ? "none" : failures.entrySet().stream()
			.map(entry -> entry.getKey() + ":" + entry.getValue()).collect(Collectors.joining(" ")));
		if (mode.equals("viewer")) {
			options.record("probe.maxViewersSeen", maxViewers.get());
			options.record("probe.lastViewersSeen", lastViewers.get());
		}
	}

	/** One request on a fresh connection; returns its time in microseconds, throws on any failure. */
	private static long attempt(URI base, InetAddress source, String mode, String path, String stream, long index,
			int timeoutMs, Map<String, String> cookies, AtomicLong maxViewers, AtomicLong lastViewers) throws Exception {
		long began = System.nanoTime();
		try (Socket socket = Wire.connect(base, source, timeoutMs)) {
			InputStream in = Wire.input(socket);
			switch (mode) {
				case "get" -> {
					Wire.send(socket, base, "GET", path, "Connection: close\r\n");
					Wire.Response response = Wire.read(in);
					if (response.status() != 200) {
						throw new StatusException(response.status());
					}
				}
				case "viewer" -> {
					boolean heartbeat = index % 2 == 0;
					String jar = cookies.isEmpty() ? "" : "Cookie: " + cookies.entrySet().stream()
						.map(cookie -> cookie.getKey() + "=" + cookie.getValue()).collect(Collectors.joining("; ")) + "\r\n";
					Wire.send(socket, base, heartbeat ? "POST" : "GET",
							"/api/streams/" + stream + (heartbeat ? "/heartbeat" : "/engagement"), jar + "Connection: close\r\n");
					Wire.Response response = Wire.read(in);
					for (String setCookie : response.setCookies()) {
						String pair = setCookie.split(";", 2)[0];
						int equals = pair.indexOf('=');
						if (equals > 0) {
							cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
						}
					}
					if (response.status() != 200) {
						throw new StatusException(response.status());
					}
					long viewers = Wire.number(response.body(), "viewers");
					if (viewers >= 0) {
						lastViewers.set(viewers);
						maxViewers.accumulateAndGet(viewers, Math::max);
					}
				}
				case "sse" -> {
					Wire.send(socket, base, "GET", path, "Accept: text/event-stream\r\n");
					Wire.Response head = Wire.readHead(in);
					if (head.status() != 200) {
						throw new StatusException(head.status());
					}
					String line;
					do {
						line = Wire.readLine(in);
					} while (line != null && !line.startsWith("data:"));
					if (line == null) {
						throw new java.io.IOException("closed before the first event");
					}
				}
				default -> throw new IllegalArgumentException("unknown mode " + mode);
			}
		}
		return (System.nanoTime() - began) / 1000;
	}

	static final class StatusException extends Exception {

		final int status;

		StatusException(int status) {
			super("status " + status, null, false, false);
			this.status = status;
		}
	}
}
