package io.livepulse.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bidding war: N signed-in bidders (tokens minted with the service's secret) bid on one auction for S seconds,
 * each every 0.5-4 s at the least the next bid may offer as last heard, spread over one or more nodes
 * ({@code --api} takes a comma-separated list), while M subscribers watch the stream's event stream. Reports
 * the bids' answer times and statuses; that every acknowledged bid is in the auction's history, in order,
 * without gaps, each above the one before; one winner, the same on every node; and how long after each
 * acknowledged bid every (sampled) subscriber was told a price at least as high (bid-to-everyone).
 */
final class AuctionWar {

	private static final Pattern MINIMUM = Pattern.compile("\"minimumBidMinor\":(\\d+)");
	private static final int SAMPLED_SUBSCRIBERS = 2_000;

	private AuctionWar() {
	}

	/** One subscriber's prices as they rose: arrival millis, price and the event's changedAt, in triples. */
	private static final class Seen {

		long[] values = new long[96];
		int size;
		long last;

		void add(long arrival, long price, long changedAt) {
			if (price <= last) {
				return;
			}
			last = price;
			if (size + 3 > values.length) {
				values = Arrays.copyOf(values, values.length * 2);
			}
			values[size++] = arrival;
			values[size++] = price;
			values[size++] = changedAt;
		}

		/** The index of the first event told with a price of at least {@code price}; -1 if none. */
		int firstAtLeast(long price) {
			for (int i = 0; i < size; i += 3) {
				if (values[i + 1] >= price) {
					return i;
				}
			}
			return -1;
		}
	}

	private static final byte[] PRICE_FIELD = "\"currentPriceMinor\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	private static final byte[] CHANGED_FIELD = "\"changedAt\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	/** The number after {@code field} in the line, read from the bytes (the driver reads every event 10,000 times). */
	private static long number(byte[] line, int length, byte[] field) {
		outer:
		for (int i = 0; i + field.length < length; i++) {
			for (int j = 0; j < field.length; j++) {
				if (line[i + j] != field[j]) {
					continue outer;
				}
			}
			long value = 0;
			for (int k = i + field.length; k < length && line[k] >= '0' && line[k] <= '9'; k++) {
				value = value * 10 + (line[k] - '0');
			}
			return value;
		}
		return -1;
	}

	static void run(Options options) throws Exception {
		List<String> apis = Arrays.stream(options.get("api").split(",")).map(url -> Options.requireLoopback("api", url)).toList();
		URI events = URI.create(options.loopback("base"));
		String secret = options.get("secret");
		int subscribers = Math.min(options.integer("subscribers", 10_000), 20_000);
		int bidders = Math.clamp(options.integer("bidders", 1_000), 1, 10_000);
		int seconds = Math.clamp(options.integer("seconds", 30), 5, 110);
		String api = apis.get(0);

		String seller = Jwt.mint(secret, "bench-auction-seller", "SELLER", 4L, 3600);
		String stream = Http.field(Http.post(api + "/api/streams", seller, "{\"title\":\"bench auction\"}").body(), "id");
		Http.post(api + "/api/streams/" + stream + "/start", seller, null);
		String product = Http.field(Http.post(api + "/api/products", seller, """
				{"title":"Bench lot","priceMinor":10000,"currency":"EUR",
				 "imageUrl":"https://shop.example.com/lot.jpg","productUrl":"https://shop.example.com/p/lot"}""").body(), "id");
		if (Http.put(api + "/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + product + "]}")
			.statusCode() != 200) {
			throw new IllegalStateException("could not set the bench showcase (is the shop-domain allow-list empty, in dev?)");
		}
		List<String> tokens = new ArrayList<>(bidders);
		for (int i = 0; i < bidders; i++) {
			tokens.add(Jwt.mint(secret, "bidder-" + i, "VIEWER", null, 3600));
		}

		List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());
		InetSocketAddress address = new InetSocketAddress(events.getHost(), events.getPort());
		List<EventSubscribers<Seen>> clients = new ArrayList<>();
		try {
			for (int g = 0; g < 2; g++) {
				clients.add(EventSubscribers.start(address, "/api/streams/" + stream + "/events", "auction", () -> {
					Seen state = new Seen();
					seen.add(state);
					return state;
				}, (state, line, length, now) -> {
					long price = number(line, length, PRICE_FIELD);
					if (price > state.last) {
						state.add(now, price, number(line, length, CHANGED_FIELD));
					}
				}));
			}
			long connected = EventSubscribers.openSpread(clients, subscribers, 2_000);

			HttpResponse<String> started = Http.post(api + "/api/streams/" + stream + "/auctions", seller, """
					{"productId":%s,"startingPriceMinor":1000,"durationSeconds":%d,"suddenDeath":false}"""
				.formatted(product, seconds + 5));
			if (started.statusCode() != 201) {
				throw new IllegalStateException("could not start the auction: " + started.body());
			}
			String auction = Http.field(started.body(), "id");
			AtomicLong minimum = new AtomicLong(1000);
			Latencies answers = new Latencies();
			Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
			List<long[]> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
			long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
			long warStarted = System.nanoTime();
			try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < bidders; i++) {
					String token = tokens.get(i);
					String node = apis.get(i % apis.size());
					threads.submit(() -> {
						while (true) {
							Thread.sleep(ThreadLocalRandom.current().nextLong(500, 4_000));
							if (System.nanoTime() > deadline) {
								return null;
							}
							bid(node, auction, token, minimum, answers, statuses, acknowledged);
						}
					});
				}
			}
			double warSeconds = (System.nanoTime() - warStarted) / 1e9;
			String decided = awaitDecision(api, auction);
			Thread.sleep(1_000);

			List<String> history = history(api, auction);
			Set<Long> historyPrices = new HashSet<>();
			int inOrder = 0;
			long previous = 0;
			for (int i = 0; i < history.size(); i++) {
				long price = Long.parseLong(Http.field(history.get(i), "priceMinor"));
				historyPrices.add(price);
				if (Integer.parseInt(Http.field(history.get(i), "seq")) == i + 1 && price > previous) {
					inOrder++;
				}
				previous = price;
			}
			long lost = acknowledged.stream().filter(bid -> !historyPrices.contains(bid[1])).count();
			Set<String> winners = new HashSet<>();
			for (String node : apis) {
				String view = Http.get(node + "/api/auctions/" + auction, null).body();
				winners.add(Http.field(view, "status") + "/" + winnerNumber(view) + "/" + Http.field(view, "currentPriceMinor"));
			}

			Latencies toEveryone = new Latencies();
			Latencies published = new Latencies();
			Latencies delivered = new Latencies();
			int step = Math.max(1, seen.size() / SAMPLED_SUBSCRIBERS);
			int neverTold = 0;
			for (int s = 0; s < seen.size(); s += step) {
				Seen subscriber = seen.get(s);
				if (subscriber.size == 0) {
					continue; // a subscriber whose connection failed (counted in subscribersConnected)
				}
				for (long[] bid : acknowledged) {
					int told = subscriber.firstAtLeast(bid[1]);
					if (told < 0) {
						neverTold++;
						continue;
					}
					long arrival = subscriber.values[told];
					long changedAt = subscriber.values[told + 2];
					toEveryone.add(Math.max(0, arrival - bid[0]) * 1_000);
					published.add(Math.max(0, changedAt - bid[0]) * 1_000);
					delivered.add(Math.max(0, arrival - changedAt) * 1_000);
				}
			}
			long finalPrice = Long.parseLong(Http.field(decided, "currentPriceMinor"));
			long toldFinal = seen.stream().filter(subscriber -> subscriber.last >= finalPrice).count();
			int accepted = statuses.getOrDefault(201, new AtomicInteger()).get();
			options.record("auction.nodes", apis.size());
			options.record("auction.bidders", bidders);
			options.record("auction.seconds", seconds);
			options.record("auction.bidsSent", statuses.values().stream().mapToInt(AtomicInteger::get).sum());
			options.record("auction.bidsAccepted", accepted);
			options.record("auction.bidsRefused409", statuses.getOrDefault(409, new AtomicInteger()).get());
			options.record("auction.otherAnswers", statuses.entrySet().stream().filter(e -> e.getKey() != 201 && e.getKey() != 409)
				.mapToInt(e -> e.getValue().get()).sum());
			options.record("auction.answers", new java.util.TreeMap<>(statuses).toString());
			options.record("auction.acceptedPerSecond", Math.round(accepted / warSeconds));
			options.record("auction.bidP50Ms", Latencies.ms(answers.percentileMillis(50)));
			options.record("auction.bidP99Ms", Latencies.ms(answers.percentileMillis(99)));
			options.record("auction.historyBids", history.size());
			options.record("auction.historyInOrder", inOrder);
			options.record("auction.acknowledgedLost", lost);
			options.record("auction.status", Http.field(decided, "status"));
			options.record("auction.finalPriceMinor", finalPrice);
			options.record("auction.extensions", Http.field(decided, "extensions"));
			options.record("auction.distinctOutcomesAcrossNodes", winners.size());
			options.record("auction.outcome", String.join(" ", winners));
			options.record("auction.subscribers", subscribers);
			options.record("auction.subscribersConnected", connected);
			options.record("auction.subscribersToldFinalPrice", toldFinal);
			options.record("auction.deliveriesMeasured", toEveryone.count());
			options.record("auction.deliveriesNeverTold", neverTold);
			options.record("auction.toEveryoneP50Ms", Latencies.ms(toEveryone.percentileMillis(50)));
			options.record("auction.toEveryoneP99Ms", Latencies.ms(toEveryone.percentileMillis(99)));
			options.record("auction.toEveryoneMaxMs", Latencies.ms(toEveryone.percentileMillis(100)));
			options.record("auction.ackToPublishedP50Ms", Latencies.ms(published.percentileMillis(50)));
			options.record("auction.ackToPublishedP99Ms", Latencies.ms(published.percentileMillis(99)));
			options.record("auction.publishedToArrivalP50Ms", Latencies.ms(delivered.percentileMillis(50)));
			options.record("auction.publishedToArrivalP99Ms", Latencies.ms(delivered.percentileMillis(99)));
		}
		finally {
			for (EventSubscribers<Seen> client : clients) {
				client.close();
			}
		}
	}

	private static void bid(String node, String auction, String token, AtomicLong minimum, Latencies answers,
			Map<Integer, AtomicInteger> statuses, List<long[]> acknowledged) {
		long offer = minimum.get();
		long sent = System.nanoTime();
		try {
			HttpResponse<String> answer = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(node + "/api/auctions/" + auction + "/bids"))
				.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"amountMinor\":" + offer + "}")).build(), HttpResponse.BodyHandlers.ofString());
			answers.add((System.nanoTime() - sent) / 1_000);
			statuses.computeIfAbsent(answer.statusCode(), code -> new AtomicInteger()).incrementAndGet();
			if (answer.statusCode() == 201) {
				long price = Long.parseLong(Http.field(answer.body(), "currentPriceMinor"));
				acknowledged.add(new long[] { System.currentTimeMillis(), price });
				minimum.accumulateAndGet(price + 1, Math::max);
			}
			else {
				Matcher next = MINIMUM.matcher(answer.body());
				if (next.find()) {
					minimum.accumulateAndGet(Long.parseLong(next.group(1)), Math::max);
				}
			}
		}
		catch (Exception failed) {
			statuses.computeIfAbsent(-1, code -> new AtomicInteger()).incrementAndGet();
		}
	}

	/** The auction once decided (the last bids may have extended it by 10 s), waiting at most 40 s. */
	private static String awaitDecision(String api, String auction) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		while (true) {
			String view = Http.get(api + "/api/auctions/" + auction, null).body();
			String status = Http.field(view, "status");
			if (!"RUNNING".equals(status) && !"CLOSING".equals(status) || System.nanoTime() > deadline) {
				return view;
			}
			Thread.sleep(250);
		}
	}

	/** Every accepted bid, in order, one JSON object each. */
	private static List<String> history(String api, String auction) throws Exception {
		List<String> bids = new ArrayList<>();
		while (true) {
			String page = Http.get(api + "/api/auctions/" + auction + "/bids?after=" + bids.size(), null).body();
			List<String> objects = Arrays.stream(page.replaceAll("^\\[|\\]$", "").split("(?<=\\}),(?=\\{)"))
				.filter(object -> !object.isBlank()).toList();
			if (objects.isEmpty()) {
				return bids;
			}
			bids.addAll(objects);
		}
	}

	private static String winnerNumber(String view) {
		int winner = view.indexOf("\"winner\":");
		return winner < 0 ? "none" : Http.field(view.substring(winner), "number");
	}
}
