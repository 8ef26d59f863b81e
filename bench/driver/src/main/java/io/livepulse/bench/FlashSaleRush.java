package io.livepulse.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A flash-sale rush: N signed-in claimers (tokens minted with the service's secret) claim one unit each of a
 * sale of S units, C at a time, the moment it starts, while M subscribers watch the stream's event stream.
 * Reports the claims' answer times and statuses, whether more than S were ever granted (oversold), and how
 * long after the claim that took the last unit was answered each subscriber got the SOLD_OUT state.
 */
final class FlashSaleRush {

	private FlashSaleRush() {
	}

	static void run(Options options) throws Exception {
		String api = options.loopback("api");
		URI events = URI.create(options.loopback("base"));
		String secret = options.get("secret");
		int subscribers = Math.min(options.integer("subscribers", 10_000), 20_000);
		int claimers = Math.min(options.integer("claimers", 10_000), 50_000);
		int stock = Math.clamp(options.integer("stock", 100), 1, 1_000_000);
		int concurrency = Math.clamp(options.integer("concurrency", 200), 1, 2_000);

		String seller = Jwt.mint(secret, "bench-sale-seller", "SELLER", 3L, 3600);
		String stream = Http.field(Http.post(api + "/api/streams", seller, "{\"title\":\"bench flash sale\"}").body(), "id");
		Http.post(api + "/api/streams/" + stream + "/start", seller, null);
		String product = Http.field(Http.post(api + "/api/products", seller, """
				{"title":"Bench drop","priceMinor":4999,"currency":"EUR",
				 "imageUrl":"https://shop.example.com/drop.jpg","productUrl":"https://shop.example.com/p/drop"}""").body(), "id");
		if (Http.put(api + "/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + product + "]}")
			.statusCode() != 200) {
			throw new IllegalStateException("could not set the bench showcase (is the shop-domain allow-list empty, in dev?)");
		}
		List<String> tokens = new ArrayList<>(claimers);
		for (int i = 0; i < claimers; i++) {
			tokens.add(Jwt.mint(secret, "claimer-" + i, "VIEWER", null, 3600));
		}

		AtomicLong soldOutAckMillis = new AtomicLong();
		Latencies soldOutDelays = new Latencies();
		List<long[]> soldOutArrivals = java.util.Collections.synchronizedList(new ArrayList<>());
		InetSocketAddress address = new InetSocketAddress(events.getHost(), events.getPort());
		List<EventSubscribers<boolean[]>> clients = new ArrayList<>();
		try {
			for (int g = 0; g < 2; g++) {
				clients.add(EventSubscribers.start(address, "/api/streams/" + stream + "/events", "sale", () -> new boolean[1],
						(seen, line, length, now) -> {
							if (!seen[0] && EventSubscribers.text(line, length).contains("\"status\":\"SOLD_OUT\"")) {
								seen[0] = true;
								soldOutArrivals.add(new long[] { now });
							}
						}));
			}
			long connected = EventSubscribers.openSpread(clients, subscribers, 2_000);

			HttpResponse<String> started = Http.post(api + "/api/streams/" + stream + "/flash-sales", seller, """
					{"productId":%s,"priceMinor":2500,"stock":%d,"perBuyerLimit":1,"startsInSeconds":10,"durationSeconds":120}"""
				.formatted(product, stock));
			if (started.statusCode() != 201) {
				throw new IllegalStateException("could not start the sale: " + started.body());
			}
			String sale = Http.field(started.body(), "id");
			Thread.sleep(10_300);

			Latencies answers = new Latencies();
			Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
			Semaphore inFlight = new Semaphore(concurrency);
			long rushStarted = System.nanoTime();
			try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
				for (String token : tokens) {
					inFlight.acquire();
					threads.submit(() -> {
						long sent = System.nanoTime();
						try {
							HttpResponse<String> answer = Http.CLIENT.send(HttpRequest.newBuilder(
									URI.create(api + "/api/flash-sales/" + sale + "/claims"))
								.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
								.header("Content-Type", "application/json")
								.POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}")).build(),
									HttpResponse.BodyHandlers.ofString());
							answers.add((System.nanoTime() - sent) / 1_000);
							statuses.computeIfAbsent(answer.statusCode(), code -> new AtomicInteger()).incrementAndGet();
							if (answer.statusCode() == 201 && answer.body().contains("\"unitsLeft\":0,")) {
								soldOutAckMillis.set(System.currentTimeMillis());
							}
						}
						catch (Exception failed) {
							statuses.computeIfAbsent(-1, code -> new AtomicInteger()).incrementAndGet();
						}
						finally {
							inFlight.release();
						}
						return null;
					});
				}
			}
			double rushSeconds = (System.nanoTime() - rushStarted) / 1e9;
			Thread.sleep(2_000);
			for (long[] arrival : soldOutArrivals) {
				soldOutDelays.add(Math.max(0, arrival[0] - soldOutAckMillis.get()) * 1_000);
			}
			String after = Http.get(api + "/api/flash-sales/" + sale, null).body();
			int granted = statuses.getOrDefault(201, new AtomicInteger()).get();
			options.record("sale.claimers", claimers);
			options.record("sale.stock", stock);
			options.record("sale.concurrency", concurrency);
			options.record("sale.granted", granted);
			options.record("sale.oversold", Math.max(0, granted - stock));
			options.record("sale.refused409", statuses.getOrDefault(409, new AtomicInteger()).get());
			options.record("sale.otherAnswers", claimers - granted - statuses.getOrDefault(409, new AtomicInteger()).get());
			options.record("sale.unitsLeftAfter", Http.field(after, "unitsLeft"));
			options.record("sale.statusAfter", Http.field(after, "status"));
			options.record("sale.claimsPerSecond", Math.round(claimers / rushSeconds));
			options.record("sale.claimP50Ms", Latencies.ms(answers.percentileMillis(50)));
			options.record("sale.claimP99Ms", Latencies.ms(answers.percentileMillis(99)));
			options.record("sale.claimMaxMs", Latencies.ms(answers.percentileMillis(100)));
			options.record("sale.subscribers", subscribers);
			options.record("sale.subscribersConnected", connected);
			options.record("sale.soldOutDelivered", soldOutArrivals.size());
			options.record("sale.soldOutP50Ms", Latencies.ms(soldOutDelays.percentileMillis(50)));
			options.record("sale.soldOutP99Ms", Latencies.ms(soldOutDelays.percentileMillis(99)));
			options.record("sale.soldOutMaxMs", Latencies.ms(soldOutDelays.percentileMillis(100)));
		}
		finally {
			for (EventSubscribers<boolean[]> client : clients) {
				client.close();
			}
		}
	}
}
