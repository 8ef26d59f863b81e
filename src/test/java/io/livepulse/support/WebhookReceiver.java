package io.livepulse.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A shop's endpoint on 127.0.0.1 for the webhook tests (and a node killed while one waits for it): keeps every request (headers and body) and answers with
 * the status the test chose for the n-th request of each webhook id (200 once the list runs out).
 */
public final class WebhookReceiver implements AutoCloseable {

	public record Received(String id, String timestamp, String signature, String userAgent, String body) {
	}

	private final HttpServer server;
	public final List<Received> received = new CopyOnWriteArrayList<>();
	private final Map<String, AtomicInteger> attemptsById = new ConcurrentHashMap<>();
	private volatile List<Integer> answers = List.of();
	private volatile CountDownLatch held = new CountDownLatch(0);
	/** When each request was taken ({@link System#nanoTime()}), after any hold. */
	public final List<Long> arrivals = new CopyOnWriteArrayList<>();

	public WebhookReceiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/hook", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			var headers = exchange.getRequestHeaders();
			String id = String.valueOf(headers.getFirst("webhook-id"));
			received.add(new Received(id, headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"),
					headers.getFirst("User-Agent"), body));
			try {
				held.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException stopped) {
				Thread.currentThread().interrupt();
			}
			arrivals.add(System.nanoTime());
			int attempt = attemptsById.computeIfAbsent(id, key -> new AtomicInteger()).getAndIncrement();
			List<Integer> planned = answers;
			int status = attempt < planned.size() ? planned.get(attempt) : 200;
			try {
				exchange.sendResponseHeaders(status, -1);
			}
			catch (IOException senderGone) {
				// the node that sent it is gone
			}
			exchange.close();
		});
		server.start();
	}

	/** The statuses of the first attempts of each delivery, in order; 200 after them. */
	public void answer(Integer... statuses) {
		answers = List.of(statuses);
	}

	/**
	 * Requests wait unanswered (the one taken is recorded, the rest queue behind it) until {@link #release()}, as an
	 * endpoint that stopped answering; an answer to a sender killed meanwhile goes nowhere.
	 */
	public void hold() {
		held = new CountDownLatch(1);
	}

	public void release() {
		held.countDown();
	}

	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
	}

	public List<Received> of(String type) {
		return received.stream().filter(request -> request.body().contains("\"type\":\"" + type + "\"")).toList();
	}

	@Override
	public void close() {
		release();
		server.stop(0);
	}
}
