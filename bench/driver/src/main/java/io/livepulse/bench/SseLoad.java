package io.livepulse.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * M SSE subscribers on one stream, held by selector threads over plain NIO ({@link EventSubscribers}: the
 * lightest client we can run on the cores the service also uses). The service stamps each event's {@code id} with
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

		InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
		String path = "/api/streams/" + stream + "/events";
		int threads = Math.clamp(options.integer("client-threads", 2), 1, 8);
		Latencies delays = new Latencies();
		AtomicBoolean measuring = new AtomicBoolean();
		List<EventSubscribers<Void>> clients = new ArrayList<>();
		try {
			for (int i = 0; i < threads; i++) {
				// every event's id line: the service stamps it with the millisecond it built the payload
				clients.add(EventSubscribers.start(address, path, null, "id", () -> null, (none, line, length, now) -> {
					if (measuring.get()) {
						delays.add(Math.max(0, now - digits(line, length)) * 1000);
					}
				}));
			}
			for (int i = 0; i < subscribers; i++) {
				clients.get(i % threads).open();
				while (clients.stream().mapToLong(EventSubscribers::pending).sum() > 200) {
					Thread.sleep(1); // at most 200 handshakes in flight, like a crowd arriving
				}
			}
			long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (sum(clients, c -> c.connected.get()) + sum(clients, c -> c.failed.get()) < subscribers
					&& System.nanoTime() < connectDeadline) {
				Thread.sleep(100);
			}
			Thread.sleep(3_000);
			delays.reset();
			measuring.set(true);
			long measuringFrom = System.nanoTime();
			double serviceCpuFrom = CpuTime.ofProcess(pid);
			double clientCpuFrom = CpuTime.ofThisProcess();
			Thread.sleep(seconds * 1000L);
			double measured = (System.nanoTime() - measuringFrom) / 1e9;
			measuring.set(false);
			double serviceCpu = CpuTime.ofProcess(pid) - serviceCpuFrom;
			double clientCpu = CpuTime.ofThisProcess() - clientCpuFrom;
			long heapWith = heapAfterGc(pid, options.get("histogram", null));
			long events = delays.count();
			long connected = sum(clients, c -> c.connected.get());
			for (EventSubscribers<Void> client : clients) {
				client.close();
			}

			options.record("sse.subscribers", subscribers);
			options.record("sse.connected", connected);
			options.record("sse.failedOrClosed", sum(clients, c -> c.failed.get()));
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
			for (EventSubscribers<Void> client : clients) {
				client.close();
			}
		}
	}

	private static long sum(List<EventSubscribers<Void>> clients, java.util.function.ToLongFunction<EventSubscribers<Void>> figure) {
		return clients.stream().mapToLong(figure).sum();
	}

	/** The number after {@code id:} in {@code line[0..length)}. */
	private static long digits(byte[] line, int length) {
		long value = 0;
		for (int i = 3; i < length; i++) {
			if (line[i] >= '0' && line[i] <= '9') {
				value = value * 10 + (line[i] - '0');
			}
		}
		return value;
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
}
