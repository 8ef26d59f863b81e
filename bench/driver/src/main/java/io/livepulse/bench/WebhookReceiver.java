package io.livepulse.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * A shop's webhook endpoint that outlives the service (the attack suite kills and restarts it meanwhile):
 * listens on 127.0.0.1:{@code --port} for {@code --seconds}, answers 204 and appends "orderId webhookId" of every
 * {@code order.attributed} delivery to {@code --received}. {@code --check ACK_FILE --wait S} instead waits until
 * every order in the ack file (one per line) is in the received file, at most S seconds, and records how many never
 * came ({@code webhooksMissing}).
 */
final class WebhookReceiver {

	private static final Pattern ORDER = Pattern.compile("\"orderId\":\"([^\"]+)\"");

	private WebhookReceiver() {
	}

	static void run(Options options) throws Exception {
		Path received = Path.of(options.get("received"));
		if (!options.get("check", "").isEmpty()) {
			check(options, received);
			return;
		}
		int seconds = Math.clamp(options.integer("seconds", 60), 1, 1_800);
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.integer("port", 0)), 200);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Matcher order = ORDER.matcher(body);
			if (order.find()) {
				synchronized (WebhookReceiver.class) {
					Files.writeString(received, order.group(1) + " " + exchange.getRequestHeaders().getFirst("webhook-id") + "\n",
							StandardOpenOption.CREATE, StandardOpenOption.APPEND);
				}
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.start();
		Thread.sleep(seconds * 1_000L);
		server.stop(0);
	}

	private static void check(Options options, Path received) throws Exception {
		List<String> acknowledged = Files.readAllLines(Path.of(options.get("check")));
		long deadline = System.nanoTime() + Math.clamp(options.integer("wait", 60), 1, 300) * 1_000_000_000L;
		long missing;
		do {
			Set<String> orders = new HashSet<>();
			if (Files.exists(received)) {
				Files.readAllLines(received).forEach(line -> orders.add(line.split(" ")[0]));
			}
			missing = acknowledged.stream().filter(order -> !order.isBlank() && !orders.contains(order)).count();
			if (missing > 0) {
				Thread.sleep(500);
			}
		}
		while (missing > 0 && System.nanoTime() < deadline);
		options.record("webhooksMissing", missing);
	}
}
