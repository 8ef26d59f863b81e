package io.livepulse.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chat messages or purchases, open loop at {@code --rate} a second for {@code --seconds}, in a process that
 * outlives the service: the attack suite {@code kill -9}s the service in the middle. Each acknowledged
 * write (a 201) is remembered by what identifies it (the message id the answer carries, the order id sent),
 * and the list is written to {@code --ack-file} at the end. {@code --verify true} reads it back after the
 * restart: every acknowledged message must be in the stream's chat (paged with {@code ?before=}), and every
 * acknowledged order, sent again, must be answered 200 "already recorded" rather than 201 "new". Bounded:
 * at most 1,000 writes a second, 120 s, 48 in flight.
 */
final class WritesUntilKilled {

	private static final Pattern MESSAGE_ID = Pattern.compile("\\{\"id\":(\\d+),\"streamId\":");
	/** In flight at once: the web port takes 200 connections per address, shared with the likes' 32 and the other writer. */
	private static final int IN_FLIGHT = 48;

	private WritesUntilKilled() {
	}

	static void run(Options options) throws Exception {
		String base = options.loopback("base");
		String stream = options.get("stream");
		String kind = options.get("kind");
		if (!kind.equals("chat") && !kind.equals("purchases")) {
			throw new IllegalArgumentException("--kind is chat or purchases");
		}
		Path ackFile = Path.of(options.get("ack-file"));
		if (Boolean.parseBoolean(options.get("verify", "false"))) {
			verify(options, base, stream, kind, Files.readAllLines(ackFile));
			return;
		}
		String secret = options.get("secret");
		int rate = Math.clamp(options.integer("rate", 300), 1, 1_000);
		int seconds = Math.clamp(options.integer("seconds", 10), 1, 120);
		String run = options.get("run", "1");
		// chat: each user posts once every users/rate seconds, inside the per-user limit of 1 a second
		int users = kind.equals("chat") ? Math.max(rate * 2, 10) : 1;
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			tokens.add(kind.equals("chat") ? Jwt.mint(secret, "kill-chatter-" + i, "VIEWER", null, 3600)
					: Jwt.mint(secret, "kill-shop", "COMMERCE", null, 3600));
		}
		ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
		AtomicLong refused = new AtomicLong();
		AtomicLong unanswered = new AtomicLong();
		String url = base + "/api/streams/" + stream + (kind.equals("chat") ? "/chat" : "/purchases");
		long spacing = 1_000_000_000L / rate;
		long start = System.nanoTime();
		long hardStop = start + TimeUnit.SECONDS.toNanos(seconds + 20L);
		Semaphore inFlight = new Semaphore(IN_FLIGHT);
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < rate * seconds && System.nanoTime() < hardStop; i++) {
				LockSupport.parkNanos(start + i * spacing - System.nanoTime());
				if (!inFlight.tryAcquire(Math.max(1, hardStop - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					break;
				}
				int number = i;
				pool.submit(() -> {
					try {
						String token = tokens.get(number % tokens.size());
						String order = "kill-" + run + "-" + number;
						HttpResponse<String> answer = Http.post(url, token, body(kind, number, order));
						if (answer.statusCode() == 201) {
							acknowledged.add(kind.equals("chat") ? Http.field(answer.body(), "id") : order);
						}
						else {
							refused.incrementAndGet();
						}
					}
					catch (Exception noAnswer) {
						unanswered.incrementAndGet();
					}
					finally {
						inFlight.release();
					}
				});
			}
		}
		Files.write(ackFile, acknowledged);
		options.record("acknowledged", acknowledged.size());
		options.record("refused", refused.get());
		options.record("sentUnanswered", unanswered.get());
	}

	private static String body(String kind, int number, String order) {
		return kind.equals("chat") ? "{\"text\":\"kill chat #" + number + "\"}"
				: "{\"orderId\":\"" + order + "\",\"amountMinor\":1000,\"currency\":\"EUR\",\"buyerId\":\"buyer-" + number + "\"}";
	}

	private static void verify(Options options, String base, String stream, String kind, List<String> acknowledged)
			throws Exception {
		long lost = 0;
		if (kind.equals("chat")) {
			Set<String> stored = new HashSet<>();
			String before = "";
			for (int page = 0; page < 10_000; page++) {
				Matcher ids = MESSAGE_ID.matcher(Http.get(base + "/api/streams/" + stream + "/chat" + before, null).body());
				long oldest = Long.MAX_VALUE;
				while (ids.find()) {
					stored.add(ids.group(1));
					oldest = Math.min(oldest, Long.parseLong(ids.group(1)));
				}
				if (oldest == Long.MAX_VALUE) {
					break;
				}
				before = "?before=" + oldest;
			}
			for (String id : acknowledged) {
				lost += stored.contains(id) ? 0 : 1;
			}
			options.record("stored", stored.size());
		}
		else {
			String token = Jwt.mint(options.get("secret"), "kill-shop", "COMMERCE", null, 3600);
			long again = 0;
			for (String order : acknowledged) {
				int status = Http.post(base + "/api/streams/" + stream + "/purchases", token,
						"{\"orderId\":\"" + order + "\",\"amountMinor\":1000,\"currency\":\"EUR\",\"buyerId\":\"buyer-"
								+ order.substring(order.lastIndexOf('-') + 1) + "\"}").statusCode();
				if (status == 200) {
					again++;
				}
				else {
					lost++;
				}
			}
			options.record("stored", again);
		}
		options.record("lost", lost);
	}
}
