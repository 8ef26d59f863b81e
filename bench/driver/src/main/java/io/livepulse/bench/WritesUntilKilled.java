package io.livepulse.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Chat messages, purchases, flash-sale claims or auction bids, open loop at {@code --rate} a second for {@code --seconds}, in a
 * process that outlives the service: the attack suite {@code kill -9}s the service in the middle. Each
 * acknowledged write (a 201) is remembered by what identifies it (the message id the answer carries, the order id
 * sent, the claim id answered), and the list is written to {@code --ack-file} at the end. {@code --verify true}
 * reads it back after the restart: every acknowledged message must be in the stream's chat (paged with
 * {@code ?before=}), every acknowledged order, sent again, must be answered 200 "already recorded" rather than
 * 201 "new", and every acknowledged claim must still hold its unit: the shop settles it (201), which an unknown
 * claim is refused; every acknowledged bid must be in the auction's history, which must end in one decision (see
 * {@link KilledWritesCheck}). Claims and bids need a running sale and auction: {@code --kind claims --prepare true} starts one on the stream
 * (as its seller, vendor {@code --vendor}) and prints {@code <sale id> <product id>}; the load then takes
 * {@code --sale}, {@code --product} and {@code --auction}. Bounded: at most 1,000 writes a second, 120 s, 48 in flight.
 */
final class WritesUntilKilled {

	/**
	 * In flight at once: the web port takes 200 connections per address, shared with the likes' 32 and the three other
	 * writers (chat, purchases, claims, bids: 4 x 36 + 32 = 176).
	 */
	private static final int IN_FLIGHT = 36;

	private WritesUntilKilled() {
	}

	static void run(Options options) throws Exception {
		String base = options.loopback("base");
		String stream = options.get("stream");
		String kind = options.get("kind");
		if (!List.of("chat", "purchases", "claims", "bids").contains(kind)) {
			throw new IllegalArgumentException("--kind is chat, purchases, claims or bids");
		}
		if (Boolean.parseBoolean(options.get("prepare", "false"))) {
			prepareSale(options, base, stream);
			return;
		}
		Path ackFile = Path.of(options.get("ack-file"));
		if (Boolean.parseBoolean(options.get("verify", "false"))) {
			KilledWritesCheck.verify(options, base, stream, kind, Files.readAllLines(ackFile));
			return;
		}
		String secret = options.get("secret");
		int rate = Math.clamp(options.integer("rate", 300), 1, 1_000);
		int seconds = Math.clamp(options.integer("seconds", 10), 1, 120);
		String run = options.get("run", "1");
		// chat: each user posts once every users/rate seconds, inside the per-user limit of 1 a second; claims: each
		// claimer claims once (the sale's limit per buyer is 1)
		// claims and bids: each by another viewer, once
		int users = kind.equals("chat") ? Math.max(rate * 2, 10) : kind.equals("claims") || kind.equals("bids") ? rate * seconds : 1;
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			tokens.add(switch (kind) {
				case "chat" -> Jwt.mint(secret, "kill-chatter-" + i, "VIEWER", null, 3600);
				case "claims" -> Jwt.mint(secret, claimer(run, i), "VIEWER", null, 3600);
				case "bids" -> Jwt.mint(secret, "kill-bidder-" + run + "-" + i, "VIEWER", null, 3600);
				default -> Jwt.mint(secret, "kill-shop", "COMMERCE", null, 3600);
			});
		}
		ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
		AtomicLong refused = new AtomicLong();
		AtomicLong unanswered = new AtomicLong();
		java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>("none");
		String url = switch (kind) {
			case "claims" -> base + "/api/flash-sales/" + options.get("sale") + "/claims";
			case "bids" -> base + "/api/auctions/" + options.get("auction") + "/bids";
			default -> base + "/api/streams/" + stream + (kind.equals("chat") ? "/chat" : "/purchases");
		};
		String product = options.get("product", "");
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
						HttpResponse<String> answer = Http.post(url, token, body(kind, number, order, product));
						if (answer.statusCode() == 201) {
							acknowledged.add(switch (kind) {
								case "chat" -> Http.field(answer.body(), "id");
								case "claims" -> Http.field(answer.body(), "claimId") + " " + claimer(run, number);
								case "bids" -> Http.field(answer.body(), "currentPriceMinor");
								default -> order;
							});
						}
						else {
							refused.incrementAndGet();
						}
					}
					catch (Exception noAnswer) {
						if (unanswered.incrementAndGet() == 1) {
							firstFailure.set(noAnswer.getClass().getSimpleName() + ": " + noAnswer.getMessage());
						}
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
		options.record("firstUnanswered", firstFailure.get());
	}

	private static String body(String kind, int number, String order, String product) {
		return switch (kind) {
			case "chat" -> "{\"text\":\"kill chat #" + number + "\"}";
			case "claims" -> "{\"quantity\":1}";
			// each offer 50.00 above the one before (the largest step), so one taken in order always beats the last
			case "bids" -> "{\"amountMinor\":" + (100_000 + number * 5_000L) + "}";
			default -> purchase(order, "buyer-" + number, product);
		};
	}

	/** A purchase of 10.00 EUR; naming the seller's product (when there is one) makes it an attributed order. */
	static String purchase(String order, String buyer, String product) {
		return "{\"orderId\":\"" + order + "\",\"amountMinor\":1000,\"currency\":\"EUR\",\"buyerId\":\"" + buyer + "\""
				+ (product.isEmpty() || product.equals("0") ? "" : ",\"productId\":" + product + ",\"quantity\":1") + "}";
	}

	private static String claimer(String run, int number) {
		return "kill-claimer-" + run + "-" + number;
	}

	static final long SALE_PRICE = 2500;

	/**
	 * Starts a sale of a new showcase product on the stream and an auction of the same product (running 20 s past the
	 * load, so it ends after the restart), waits for the sale's countdown, prints "sale product auction".
	 */
	private static void prepareSale(Options options, String base, String stream) throws Exception {
		String seller = Jwt.mint(options.get("secret"), "attack-seller", "SELLER", Long.valueOf(options.get("vendor", "1")), 3600);
		String product = Http.field(Http.post(base + "/api/products", seller, """
				{"title":"Kill drop","priceMinor":4999,"currency":"EUR",
				 "imageUrl":"https://shop.example.com/kill.jpg","productUrl":"https://shop.example.com/p/kill"}""").body(), "id");
		Http.put(base + "/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + product + "]}");
		int stock = 2 * Math.clamp(options.integer("rate", 300), 1, 1_000) * Math.clamp(options.integer("seconds", 10), 1, 120);
		HttpResponse<String> sale = Http.post(base + "/api/streams/" + stream + "/flash-sales", seller, """
				{"productId":%s,"priceMinor":%d,"stock":%d,"perBuyerLimit":1,"startsInSeconds":10,"durationSeconds":600}"""
			.formatted(product, SALE_PRICE, stock));
		if (sale.statusCode() != 201) {
			throw new IllegalStateException("could not start the sale: " + sale.body());
		}
		HttpResponse<String> auction = Http.post(base + "/api/streams/" + stream + "/auctions", seller, """
				{"productId":%s,"startingPriceMinor":1000,"durationSeconds":%d,"suddenDeath":true}"""
			.formatted(product, Math.min(120, Math.clamp(options.integer("seconds", 10), 1, 120) + 20)));
		if (auction.statusCode() != 201) {
			throw new IllegalStateException("could not start the auction: " + auction.body());
		}
		Thread.sleep(10_300);
		System.out.println(Http.field(sale.body(), "id") + " " + product + " " + Http.field(auction.body(), "id"));
	}

}
