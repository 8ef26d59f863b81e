package io.livepulse.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
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

	/**
	 * Two rushes, each on a stream and sale of its own: the first right after the service started (its claim path
	 * never run), recorded as {@code sale.first.*}; the second, the measured one, as a sale later in the service's
	 * life meets it, recorded as {@code sale.*}.
	 */
	static void run(Options options) throws Exception {
		rush(options, "sale.first.");
		rush(options, "sale.");
	}

	private static void rush(Options options, String prefix) throws Exception {
		String api = options.loopback("api");
		URI events = URI.create(options.loopback("base"));
		String secret = options.get("secret");
		int subscribers = Math.min(options.integer("subscribers", 10_000), 20_000);
		int claimers = Math.min(options.integer("claimers", 10_000), 50_000);
		int stock = Math.clamp(options.integer("stock", 100), 1, 1_000_000);
		int concurrency = Math.clamp(options.integer("concurrency", 200), 1, 2_000);

		String seller = Jwt.mint(secret, "bench-sale-seller-" + prefix, "SELLER", prefix.length() + 3L, 3600);
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
			// granted claims wait for their commit; refused ones at most for the claims ahead of them: told apart
			Latencies grantedAnswers = new Latencies();
			Latencies firstWaveAnswers = new Latencies();
			Latencies laterAnswers = new Latencies();
			Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
			AtomicInteger next = new AtomicInteger();
			URI apiUri = URI.create(api);
			String claims = "/api/flash-sales/" + sale + "/claims";
			byte[] body = "{\"quantity\":1}".getBytes(StandardCharsets.UTF_8);
			long rushStarted = System.nanoTime();
			// each of `concurrency` claimers' connections sends the next claimer's claim as soon as it has its answer
			try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int c = 0; c < concurrency; c++) {
					threads.submit(() -> {
						try (RawHttp connection = new RawHttp(apiUri)) {
							for (int i = next.getAndIncrement(); i < tokens.size(); i = next.getAndIncrement()) {
								long sent = System.nanoTime();
								int status;
								try {
									RawHttp.Answer answer = connection.exchange("POST", claims,
											"Authorization: Bearer " + tokens.get(i) + "\r\n", body, true);
									status = answer.status();
									// the first answer saying no unit is left: arrivals are measured from the earliest
									if (status == 201 && answer.body().contains("\"unitsLeft\":0,")) {
										soldOutAckMillis.compareAndSet(0, System.currentTimeMillis());
									}
								}
								catch (IOException failed) {
									status = -1;
								}
								long micros = (System.nanoTime() - sent) / 1_000;
								answers.add(micros);
								if (status == 201) {
									grantedAnswers.add(micros);
								}
								if (i < concurrency) {
									firstWaveAnswers.add(micros);
								}
								else if (i >= 10 * concurrency) {
									laterAnswers.add(micros);
								}
								statuses.computeIfAbsent(status, code -> new AtomicInteger()).incrementAndGet();
							}
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
			options.record(prefix + "claimers", claimers);
			options.record(prefix + "stock", stock);
			options.record(prefix + "concurrency", concurrency);
			options.record(prefix + "granted", granted);
			options.record(prefix + "oversold", Math.max(0, granted - stock));
			options.record(prefix + "refused409", statuses.getOrDefault(409, new AtomicInteger()).get());
			options.record(prefix + "otherAnswers", claimers - granted - statuses.getOrDefault(409, new AtomicInteger()).get());
			options.record(prefix + "unitsLeftAfter", Http.field(after, "unitsLeft"));
			options.record(prefix + "statusAfter", Http.field(after, "status"));
			options.record(prefix + "claimsPerSecond", Math.round(claimers / rushSeconds));
			options.record(prefix + "claimP50Ms", Latencies.ms(answers.percentileMillis(50)));
			options.record(prefix + "claimP99Ms", Latencies.ms(answers.percentileMillis(99)));
			options.record(prefix + "claimMaxMs", Latencies.ms(answers.percentileMillis(100)));
			options.record(prefix + "claimGrantedP50Ms", Latencies.ms(grantedAnswers.percentileMillis(50)));
			options.record(prefix + "claimGrantedMaxMs", Latencies.ms(grantedAnswers.percentileMillis(100)));
			// the first claim of each of the C connections: its connection is new and it meets the sale's first rush
			options.record(prefix + "claimFirstWaveP50Ms", Latencies.ms(firstWaveAnswers.percentileMillis(50)));
			options.record(prefix + "claimFirstWaveMaxMs", Latencies.ms(firstWaveAnswers.percentileMillis(100)));
			// the claims after the first ten waves (10 x C), when the units have long been taken: a refusal once the rush settles
			options.record(prefix + "claimLaterP99Ms", Latencies.ms(laterAnswers.percentileMillis(99)));
			options.record(prefix + "subscribers", subscribers);
			options.record(prefix + "subscribersConnected", connected);
			options.record(prefix + "soldOutDelivered", soldOutArrivals.size());
			options.record(prefix + "soldOutP50Ms", Latencies.ms(soldOutDelays.percentileMillis(50)));
			options.record(prefix + "soldOutP99Ms", Latencies.ms(soldOutDelays.percentileMillis(99)));
			options.record(prefix + "soldOutMaxMs", Latencies.ms(soldOutDelays.percentileMillis(100)));
		}
		finally {
			for (EventSubscribers<boolean[]> client : clients) {
				client.close();
			}
		}
	}
}
