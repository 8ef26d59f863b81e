package io.livepulse.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The chat row's second pass ({@link ChatLoad}): how many messages a second the chat path stores. */
final class ChatCeiling {

	private ChatCeiling() {
	}

	/**
	 * The durable ceiling: 64 posters as fast as answers come, for {@code seconds}, each post by the next of
	 * the users in turn (so no user passes the per-user limit while the service keeps up); no subscribers.
	 */
	static void run(Options options, String url, List<String> tokens, int seconds) throws Exception {
		AtomicLong next = new AtomicLong();
		AtomicLong acknowledged = new AtomicLong();
		AtomicLong refused = new AtomicLong();
		Latencies answers = new Latencies();
		long start = System.nanoTime();
		long stop = start + TimeUnit.SECONDS.toNanos(seconds);
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < 64; c++) {
				pool.submit(() -> {
					while (System.nanoTime() < stop) {
						long i = next.getAndIncrement();
						long sent = System.nanoTime();
						try {
							int status = Http.post(url, tokens.get((int) (i % tokens.size())),
									"{\"text\":\"bench ceiling " + i + "\"}").statusCode();
							if (status == 201) {
								acknowledged.incrementAndGet();
								answers.add((System.nanoTime() - sent) / 1000);
							}
							else {
								refused.incrementAndGet();
							}
						}
						catch (Exception broken) {
							refused.incrementAndGet();
						}
					}
					return null;
				});
			}
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		options.record("chat.ceilingSeconds", seconds);
		options.record("chat.ceilingUsers", tokens.size());
		options.record("chat.ceilingPerSecond", Math.round(acknowledged.get() / elapsed));
		options.record("chat.ceilingRefusedOrFailed", refused.get());
		options.record("chat.ceilingP99Ms", Latencies.ms(answers.percentileMillis(99)));
	}
}
