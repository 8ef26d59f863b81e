package io.livepulse.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A shop's webhook endpoint on 127.0.0.1 that keeps the first request unanswered (as a node killed while it waits
 * would leave it) and answers 200 to the rest; it records each request's {@code webhook-id}.
 */
final class HangingShop implements AutoCloseable {

	private final HttpServer server;
	private final CountDownLatch released = new CountDownLatch(1);
	final List<String> webhookIds = new CopyOnWriteArrayList<>();

	HangingShop() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/hook", exchange -> {
			exchange.getRequestBody().readAllBytes();
			webhookIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")));
			try {
				if (webhookIds.size() == 1) {
					released.await(60, TimeUnit.SECONDS);
				}
				exchange.sendResponseHeaders(200, -1);
			}
			catch (InterruptedException | IOException senderGone) {
				// the node that sent it was killed
			}
			finally {
				exchange.close();
			}
		});
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
	}

	@Override
	public void close() {
		released.countDown();
		server.stop(0);
	}
}
