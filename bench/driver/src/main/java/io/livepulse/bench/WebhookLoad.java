package io.livepulse.bench;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * Webhooks under load: N sellers each register one endpoint (on this process's receiver, 127.0.0.1) for
 * {@code order.attributed} and go live; the shop then reports purchases on their streams in turn, open loop at
 * {@code --rate} a second for {@code --seconds}. Reports whether every acknowledged order reached its seller's
 * endpoint (once, by webhook id; signature checked with that endpoint's secret) and the time from each purchase's
 * acknowledgement (its commit) to the delivery's arrival. The service must let loopback targets through (dev
 * profile, {@code livepulse.webhooks.allow-loopback-targets=true}) and take that many endpoints.
 */
final class WebhookLoad {

	private static final Pattern ORDER = Pattern.compile("\"orderId\":\"([^\"]+)\"");

	private WebhookLoad() {
	}

	static void run(Options options) throws Exception {
		String api = options.loopback("api");
		String secret = options.get("secret");
		int endpoints = Math.clamp(options.integer("endpoints", 1_000), 1, 5_000);
		int rate = Math.clamp(options.integer("rate", 100), 1, 1_000);
		int seconds = Math.clamp(options.integer("seconds", 60), 1, 120);
		// false: the same sellers, streams and orders without any endpoint, the run to compare with
		boolean webhooks = Boolean.parseBoolean(options.get("webhooks", "true"));

		Map<String, Long> ackedAt = new ConcurrentHashMap<>();
		Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
		Map<String, AtomicInteger> timesById = new ConcurrentHashMap<>();
		AtomicInteger badSignatures = new AtomicInteger();
		List<String> secrets = new ArrayList<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_000);
		receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		receiver.createContext("/hook/", exchange -> {
			long now = System.currentTimeMillis();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			int endpoint = Integer.parseInt(exchange.getRequestURI().getPath().substring("/hook/".length()));
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
			if (!signature(secrets.get(endpoint), id, timestamp, body).equals(exchange.getRequestHeaders().getFirst("webhook-signature"))) {
				badSignatures.incrementAndGet();
			}
			timesById.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
			Matcher order = ORDER.matcher(body);
			if (order.find()) {
				arrivedAt.putIfAbsent(order.group(1), now);
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		try {
			String shop = Jwt.mint(secret, "bench-webhook-shop", "COMMERCE", null, 3600);
			List<String[]> streams = new ArrayList<>();
			for (int i = 0; i < endpoints; i++) {
				String seller = Jwt.mint(secret, "bench-hook-seller-" + i + (webhooks ? "" : "-none"), "SELLER",
						(webhooks ? 100_000L : 200_000L) + i, 3600);
				if (webhooks) {
					HttpResponse<String> created = Http.post(api + "/api/webhooks", seller, """
							{"url":"http://127.0.0.1:%d/hook/%d","events":["order.attributed"]}"""
						.formatted(receiver.getAddress().getPort(), i));
					if (created.statusCode() != 201) {
						throw new IllegalStateException("could not register endpoint " + i + ": " + created.body());
					}
					secrets.add(Http.field(created.body(), "secret"));
				}
				String stream = Http.field(Http.post(api + "/api/streams", seller, "{\"title\":\"bench hooks " + i + "\"}").body(), "id");
				Http.post(api + "/api/streams/" + stream + "/start", seller, null);
				String product = Http.field(Http.post(api + "/api/products", seller, """
						{"title":"Hooked","priceMinor":1000,"currency":"EUR",
						 "imageUrl":"https://shop.example.com/h.jpg","productUrl":"https://shop.example.com/p/h"}""").body(), "id");
				streams.add(new String[] { stream, product });
			}

			AtomicInteger refused = new AtomicInteger();
			// a bench script waiting to measure something beside the load starts now
			String readyFile = options.get("ready-file", "");
			if (!readyFile.isEmpty()) {
				Files.writeString(Path.of(readyFile), "loading\n");
			}
			long spacing = 1_000_000_000L / rate;
			long start = System.nanoTime();
			Semaphore inFlight = new Semaphore(64);
			try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < rate * seconds; i++) {
					LockSupport.parkNanos(start + i * spacing - System.nanoTime());
					inFlight.acquire();
					String[] target = streams.get(i % streams.size());
					String order = (webhooks ? "wh-" : "none-") + i;
					pool.submit(() -> {
						try {
							HttpResponse<String> answer = Http.post(api + "/api/streams/" + target[0] + "/purchases", shop, """
									{"orderId":"%s","amountMinor":1000,"currency":"EUR","buyerId":"b","productId":%s,"quantity":1}"""
								.formatted(order, target[1]));
							if (answer.statusCode() == 201) {
								ackedAt.put(order, System.currentTimeMillis());
							}
							else {
								refused.incrementAndGet();
							}
						}
						catch (Exception noAnswer) {
							refused.incrementAndGet();
						}
						finally {
							inFlight.release();
						}
						return null;
					});
				}
			}
			if (!webhooks) {
				options.record("webhooks.withoutEndpoints.ordersAcknowledged", ackedAt.size());
				return;
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (!arrivedAt.keySet().containsAll(ackedAt.keySet()) && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			Thread.sleep(2_000);
			Latencies commitToArrival = new Latencies();
			ackedAt.forEach((order, acked) -> {
				Long arrived = arrivedAt.get(order);
				if (arrived != null) {
					commitToArrival.add(Math.max(0, arrived - acked) * 1_000);
				}
			});
			long missing = ackedAt.keySet().stream().filter(order -> !arrivedAt.containsKey(order)).count();
			options.record("webhooks.endpoints", endpoints);
			options.record("webhooks.rate", rate);
			options.record("webhooks.seconds", seconds);
			options.record("webhooks.ordersAcknowledged", ackedAt.size());
			options.record("webhooks.ordersRefused", refused.get());
			options.record("webhooks.delivered", ackedAt.size() - missing);
			options.record("webhooks.missing", missing);
			options.record("webhooks.deliveriesReceived", timesById.values().stream().mapToInt(AtomicInteger::get).sum());
			options.record("webhooks.idsReceivedTwice", timesById.values().stream().filter(times -> times.get() > 1).count());
			options.record("webhooks.badSignatures", badSignatures.get());
			options.record("webhooks.commitToArrivalP50Ms", Latencies.ms(commitToArrival.percentileMillis(50)));
			options.record("webhooks.commitToArrivalP99Ms", Latencies.ms(commitToArrival.percentileMillis(99)));
			options.record("webhooks.commitToArrivalMaxMs", Latencies.ms(commitToArrival.percentileMillis(100)));
		}
		finally {
			receiver.stop(0);
		}
	}

	private static String signature(String secret, String id, String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			return "v1," + Base64.getEncoder().encodeToString(
					mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
