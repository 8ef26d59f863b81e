package io.livepulse.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pin fan-out: M subscribers on one live stream's event stream; the seller pins one of two products in
 * turn, and each subscriber's delay is from just before the pin request was sent to the arrival of the
 * {@code product} event that carries that product (a subscriber that missed it and got the card only from
 * a later repeat counts with that longer delay; one that never got it is counted as undelivered).
 */
final class PinFanout {

	private static final Pattern PRODUCT_ID = Pattern.compile("\"productId\":(\\d+)");

	private PinFanout() {
	}

	static void run(Options options) throws Exception {
		String api = options.loopback("api");
		URI events = URI.create(options.loopback("base"));
		int subscribers = Math.min(options.integer("subscribers", 10_000), 20_000);
		int rounds = Math.clamp(options.integer("rounds", 10), 1, 100);
		String seller = Http.token(api, "bench-seller", "SELLER", 1L);
		String stream = Http.field(Http.post(api + "/api/streams", seller, "{\"title\":\"bench pins\"}").body(), "id");
		Http.post(api + "/api/streams/" + stream + "/start", seller, null);
		long[] products = new long[2];
		for (int i = 0; i < 2; i++) {
			products[i] = Long.parseLong(Http.field(Http.post(api + "/api/products", seller, """
					{"title":"Bench product %d","priceMinor":1999,"currency":"EUR",
					 "imageUrl":"https://shop.example.com/%d.jpg","productUrl":"https://shop.example.com/p/%d"}
					""".formatted(i, i, i)).body(), "id"));
		}
		if (Http.put(api + "/api/streams/" + stream + "/showcase", seller,
				"{\"productIds\":[" + products[0] + "," + products[1] + "]}").statusCode() != 200) {
			throw new IllegalStateException("could not set the bench showcase (is the shop-domain allow-list empty, in dev?)");
		}

		InetSocketAddress address = new InetSocketAddress(events.getHost(), events.getPort());
		String path = "/api/streams/" + stream + "/events";
		Latencies delays = new Latencies();
		Round round = new Round();
		List<EventSubscribers<int[]>> clients = new ArrayList<>();
		try {
			for (int g = 0; g < 2; g++) {
				// each subscriber keeps the last round it saw the card of
				clients.add(EventSubscribers.start(address, path, "product", () -> new int[1], (lastRound, line, length, now) -> {
					int current = round.number;
					Matcher id = PRODUCT_ID.matcher(EventSubscribers.text(line, length));
					if (current > lastRound[0] && id.find() && Long.parseLong(id.group(1)) == round.product) {
						lastRound[0] = current;
						delays.add(Math.max(0, now - round.sentMillis) * 1000);
					}
				}));
			}
			long connected = EventSubscribers.openSpread(clients, subscribers, 2_000);
			for (int r = 1; r <= rounds; r++) {
				long product = products[r % 2];
				round.start(r, product, System.currentTimeMillis());
				if (Http.post(api + "/api/streams/" + stream + "/pin", seller, "{\"productId\":" + product + "}")
					.statusCode() != 200) {
					throw new IllegalStateException("pin refused in round " + r);
				}
				Thread.sleep(2_500);
			}
			for (EventSubscribers<int[]> client : clients) {
				client.close();
			}
			long expected = connected * rounds;
			options.record("pins.subscribers", subscribers);
			options.record("pins.connected", connected);
			options.record("pins.rounds", rounds);
			options.record("pins.delivered", delays.count());
			options.record("pins.expected", expected);
			options.record("pins.p50Ms", Latencies.ms(delays.percentileMillis(50)));
			options.record("pins.p99Ms", Latencies.ms(delays.percentileMillis(99)));
			options.record("pins.maxMs", Latencies.ms(delays.percentileMillis(100)));
		}
		finally {
			for (EventSubscribers<int[]> client : clients) {
				client.close();
			}
		}
	}

	/** The pin under way: its number, the product it pins, when its request was sent. */
	private static final class Round {

		volatile int number;
		volatile long product;
		volatile long sentMillis;

		void start(int number, long product, long sentMillis) {
			this.product = product;
			this.sentMillis = sentMillis;
			this.number = number;
		}
	}
}
