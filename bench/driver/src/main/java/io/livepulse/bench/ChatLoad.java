package io.livepulse.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Chat fan-out: N subscribers on one live stream's event stream while U signed-in users post R messages a
 * second in all for S seconds (open loop: message i is due at start + i/R, its acknowledgement time counts
 * from then). Each message carries its number; a subscriber's delay for it is from the post's
 * acknowledgement (the 201 answer's arrival) to the arrival of the {@code chat} event that holds it, 0 when
 * the event came first. Reports messages acknowledged and refused, durable messages per second, the
 * acknowledgement times, and the delivery delays with how many of the expected deliveries arrived.
 * With {@code --ceiling-seconds} (at most 30) a closed-loop pass without subscribers follows, which finds
 * the durable messages per second of the one-insert-per-post path, to set beside the likes' group commit.
 * Every count and time is bounded: at most 20,000 subscribers, 500 messages/s, 120 s, in-flight posts 256.
 */
final class ChatLoad {

	private static final byte[] MARKER = "\"text\":\"bench chat #".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	static final int MAX_DELAY_MS = 60_000;

	private ChatLoad() {
	}

	static void run(Options options) throws Exception {
		String api = options.loopback("api");
		URI events = URI.create(options.loopback("base"));
		int subscribers = Math.clamp(options.integer("subscribers", 10_000), 0, 20_000);
		int rate = Math.clamp(options.integer("rate", 50), 1, 500);
		int users = Math.clamp(options.integer("users", 500), 1, 5_000);
		int seconds = Math.clamp(options.integer("seconds", 20), 1, 120);
		int ceilingSeconds = Math.clamp(options.integer("ceiling-seconds", 0), 0, 30);
		int ceilingUsers = Math.clamp(options.integer("ceiling-users", 2_000), 1, 5_000);
		if ((long) subscribers * rate * seconds > 400_000_000L) {
			throw new IllegalArgumentException("subscribers x rate x seconds is at most 400,000,000 (the seen-message bits)");
		}
		String seller = Http.token(api, "bench-chat-seller", "SELLER", 2L);
		String stream = Http.field(Http.post(api + "/api/streams", seller, "{\"title\":\"bench chat\"}").body(), "id");
		Http.post(api + "/api/streams/" + stream + "/start", seller, null);
		// signed-in chatters, each posting once per users/rate seconds, well inside the per-user limit
		List<String> tokens = Http.viewerTokens(api, "chatter-", users);
		int due = rate * seconds;
		AtomicLongArray ackedAt = new AtomicLongArray(due);
		// one histogram and count per selector thread, so the two never contend for a cache line
		List<AtomicLongArray> delayGroups = List.of(new AtomicLongArray(MAX_DELAY_MS + 1), new AtomicLongArray(MAX_DELAY_MS + 1));
		List<AtomicLong> deliveredGroups = List.of(new AtomicLong(), new AtomicLong());
		InetSocketAddress address = new InetSocketAddress(events.getHost(), events.getPort());
		String path = "/api/streams/" + stream + "/events";
		List<EventSubscribers<java.util.BitSet>> groups = new ArrayList<>();
		try {
			for (int g = 0; g < 2; g++) {
				AtomicLongArray delays = delayGroups.get(g);
				AtomicLong delivered = deliveredGroups.get(g);
				groups.add(EventSubscribers.start(address, path, "chat", () -> new java.util.BitSet(),
						(seen, line, length, now) -> count(seen, line, length, now, due, ackedAt, delays, delivered)));
			}
			long connected = EventSubscribers.openSpread(groups, subscribers, 1_000);
			Posts posts = new Posts(api + "/api/streams/" + stream + "/chat", tokens, ackedAt);
			double elapsed = posts.run(due, rate, seconds);
			Thread.sleep(3_000);
			options.record("chat.subscribers", subscribers);
			options.record("chat.connected", connected);
			options.record("chat.rate", rate);
			options.record("chat.users", users);
			options.record("chat.seconds", seconds);
			options.record("chat.due", due);
			options.record("chat.acknowledged", posts.acknowledged.get());
			options.record("chat.refusedOrFailed", posts.failed.get());
			options.record("chat.durablePerSecond", Math.round(posts.acknowledged.get() / elapsed * 10) / 10.0);
			options.record("chat.ackP50Ms", Latencies.ms(posts.sinceDue.percentileMillis(50)));
			options.record("chat.ackP99Ms", Latencies.ms(posts.sinceDue.percentileMillis(99)));
			AtomicLongArray delays = new AtomicLongArray(MAX_DELAY_MS + 1);
			for (int ms = 0; ms <= MAX_DELAY_MS; ms++) {
				delays.set(ms, delayGroups.get(0).get(ms) + delayGroups.get(1).get(ms));
			}
			options.record("chat.delivered", deliveredGroups.get(0).get() + deliveredGroups.get(1).get());
			options.record("chat.expected", connected * posts.acknowledged.get());
			options.record("chat.deliveryP50Ms", percentile(delays, 50));
			options.record("chat.deliveryP99Ms", percentile(delays, 99));
			options.record("chat.deliveryMaxMs", percentile(delays, 100));
		}
		finally {
			for (EventSubscribers<java.util.BitSet> group : groups) {
				group.close();
			}
		}
		if (ceilingSeconds > 0) {
			ChatCeiling.run(options, api + "/api/streams/" + stream + "/chat", Http.viewerTokens(api, "chatter-", ceilingUsers), ceilingSeconds);
		}
		Http.post(api + "/api/streams/" + stream + "/end", seller, "{\"save\":false}");
	}

	/**
	 * Counts the bench messages a {@code chat} event's data line holds, each once per subscriber ({@code seen}):
	 * its delay from the post's acknowledgement into the millisecond histogram, 0 when the event came first.
	 * A message's number ends at its text's end or at the first character after it that is not a digit.
	 */
	static void count(java.util.BitSet seen, byte[] line, int length, long now, int due, AtomicLongArray ackedAt,
			AtomicLongArray delays, AtomicLong delivered) {
		for (int at = indexOf(line, length, 0); at >= 0; at = indexOf(line, length, at)) {
			int i = 0;
			int digits = 0;
			while (at < length && line[at] >= '0' && line[at] <= '9' && digits < 9) {
				i = i * 10 + (line[at++] - '0');
				digits++;
			}
			if (digits == 0 || at >= length || (line[at] != '"' && line[at] != ' ') || i >= due || seen.get(i)) {
				continue;
			}
			seen.set(i);
			long acked = ackedAt.get(i);
			delays.incrementAndGet((int) Math.clamp(acked == 0 ? 0 : now - acked, 0, MAX_DELAY_MS));
			delivered.incrementAndGet();
		}
	}

	/** The index just past the next {@link #MARKER} in {@code line[from..length)}, or -1. */
	private static int indexOf(byte[] line, int length, int from) {
		byte first = MARKER[0];
		for (int i = from; i <= length - MARKER.length; i++) {
			if (line[i] == first && java.util.Arrays.equals(line, i, i + MARKER.length, MARKER, 0, MARKER.length)) {
				return i + MARKER.length;
			}
		}
		return -1;
	}

	/** The nearest-rank percentile of a millisecond histogram, or NaN when it is empty. */
	static String percentile(AtomicLongArray histogram, double p) {
		long total = 0;
		for (int i = 0; i < histogram.length(); i++) {
			total += histogram.get(i);
		}
		if (total == 0) {
			return "NaN";
		}
		long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
		long seen = 0;
		for (int i = 0; i < histogram.length(); i++) {
			seen += histogram.get(i);
			if (seen >= rank) {
				return Latencies.ms(i);
			}
		}
		return Latencies.ms(histogram.length() - 1);
	}

	/** The open-loop posts: message i by user i mod U, due at start + i/rate, at most 256 in flight. */
	static final class Posts {

		final AtomicLong acknowledged = new AtomicLong();
		final AtomicLong failed = new AtomicLong();
		final Latencies sinceDue = new Latencies();
		private final String url;
		private final List<String> tokens;
		private final AtomicLongArray ackedAt;
		private final String suffix;

		Posts(String url, List<String> tokens, AtomicLongArray ackedAt) {
			this(url, tokens, ackedAt, "");
		}

		/** @param suffix text after each message's number (a space first), to make messages longer */
		Posts(String url, List<String> tokens, AtomicLongArray ackedAt, String suffix) {
			this.url = url;
			this.tokens = tokens;
			this.ackedAt = ackedAt;
			this.suffix = suffix.isEmpty() ? "" : " " + suffix;
		}

		/** Returns the seconds from the first due time to the last answer. */
		double run(int due, int rate, int seconds) throws InterruptedException {
			long spacing = 1_000_000_000L / rate;
			long start = System.nanoTime() + 100_000_000L;
			long hardStop = start + TimeUnit.SECONDS.toNanos(seconds + 30L);
			Semaphore inFlight = new Semaphore(256);
			try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < due && System.nanoTime() < hardStop; i++) {
					long dueAt = start + i * spacing;
					long wait = dueAt - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					if (!inFlight.tryAcquire(Math.max(1, hardStop - System.nanoTime()), TimeUnit.NANOSECONDS)) {
						break;
					}
					int number = i;
					pool.submit(() -> {
						try {
							post(number, dueAt);
						}
						finally {
							inFlight.release();
						}
					});
				}
			}
			return (System.nanoTime() - start) / 1e9;
		}

		private void post(int number, long dueAt) {
			try {
				HttpResponse<String> answer = Http.post(url, tokens.get(number % tokens.size()),
						"{\"text\":\"bench chat #" + number + suffix + "\"}");
				if (answer.statusCode() == 201) {
					ackedAt.set(number, System.currentTimeMillis());
					acknowledged.incrementAndGet();
					sinceDue.add((System.nanoTime() - dueAt) / 1000);
				}
				else {
					failed.incrementAndGet();
				}
			}
			catch (Exception broken) {
				failed.incrementAndGet();
			}
		}
	}
}
