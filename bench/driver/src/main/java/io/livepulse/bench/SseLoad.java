package io.livepulse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * M SSE subscribers on one stream. The service stamps each event's {@code id} with the wall-clock
 * millisecond it built the payload; delivery delay is arrival minus that stamp (one machine, one
 * clock). Heap per subscriber is read from the service's own heap gauge after a full GC, before
 * and after the subscribers connect.
 */
final class SseLoad {

	private SseLoad() {
	}

	static void run(Options options) throws Exception {
		String base = options.loopback("base");
		String stream = options.get("stream");
		int subscribers = Math.min(options.integer("subscribers", 10_000), 20_000);
		int seconds = Math.min(options.integer("seconds", 30), 120);
		String pid = options.get("pid");
		Latencies delays = new Latencies();
		AtomicLong events = new AtomicLong();
		AtomicLong connected = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		long heapBefore = heapAfterGc(pid, null);

		URI uri = URI.create(base + "/api/streams/" + stream + "/events");
		List<Flow.Subscription> subscriptions = new ArrayList<>();
		List<CompletableFuture<?>> responses = new ArrayList<>();
		Semaphore opening = new Semaphore(200);
		for (int i = 0; i < subscribers; i++) {
			opening.acquire();
			LineSubscriber lines = new LineSubscriber(delays, events, subscriptions, () -> {
				connected.incrementAndGet();
				opening.release();
			});
			responses.add(Http.CLIENT.sendAsync(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET()
				.build(), HttpResponse.BodyHandlers.fromLineSubscriber(lines))
				.whenComplete((response, error) -> {
					if (error != null || response.statusCode() != 200) {
						failed.incrementAndGet();
					}
				}));
		}
		long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (connected.get() + failed.get() < subscribers && System.nanoTime() < connectDeadline) {
			Thread.sleep(100);
		}
		Thread.sleep(3_000);
		delays.reset();
		events.set(0);
		long measuringFrom = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		double measured = (System.nanoTime() - measuringFrom) / 1e9;
		long heapWith = heapAfterGc(pid, options.get("histogram", null));
		long failedWhileMeasuring = failed.get();
		synchronized (subscriptions) {
			subscriptions.forEach(Flow.Subscription::cancel);
		}
		responses.forEach(response -> response.cancel(true));

		options.record("sse.subscribers", subscribers);
		options.record("sse.connected", connected.get());
		options.record("sse.failed", failedWhileMeasuring);
		options.record("sse.seconds", Math.round(measured));
		options.record("sse.eventsReceived", events.get());
		options.record("sse.eventsPerSubscriberPerSecond",
				String.format(java.util.Locale.ROOT, "%.2f", events.get() / Math.max(1.0, connected.get()) / measured));
		options.record("sse.p50Ms", Latencies.ms(delays.percentileMillis(50)));
		options.record("sse.p99Ms", Latencies.ms(delays.percentileMillis(99)));
		options.record("sse.maxMs", Latencies.ms(delays.percentileMillis(100)));
		options.record("sse.heapBeforeBytes", heapBefore);
		options.record("sse.heapWithSubscribersBytes", heapWith);
		options.record("sse.heapPerSubscriberBytes", connected.get() == 0 ? 0 : (heapWith - heapBefore) / connected.get());
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

	private static final class LineSubscriber implements Flow.Subscriber<String> {

		private final Latencies delays;
		private final AtomicLong events;
		private final List<Flow.Subscription> subscriptions;
		private final Runnable onOpen;

		LineSubscriber(Latencies delays, AtomicLong events, List<Flow.Subscription> subscriptions, Runnable onOpen) {
			this.delays = delays;
			this.events = events;
			this.subscriptions = subscriptions;
			this.onOpen = onOpen;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			synchronized (subscriptions) {
				subscriptions.add(subscription);
			}
			onOpen.run();
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(String line) {
			if (line.startsWith("id:")) {
				long builtAt = Long.parseLong(line.substring(3).trim());
				delays.add(Math.max(0, System.currentTimeMillis() - builtAt) * 1000);
				events.incrementAndGet();
			}
		}

		@Override
		public void onError(Throwable throwable) {
		}

		@Override
		public void onComplete() {
		}
	}
}
