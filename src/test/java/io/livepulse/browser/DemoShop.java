package io.livepulse.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/** The demo shop (docs/demo-shop) served from a second local origin, as a shop that embeds the player would. */
final class DemoShop {

	private static final Path FILES = Path.of("docs/demo-shop");

	private DemoShop() {
	}

	/** A started server on 127.0.0.1 and a free port; its origin is {@link #origin(HttpServer)}. */
	static HttpServer start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			Path file = FILES.resolve(exchange.getRequestURI().getPath().replaceFirst("^/", "")).normalize();
			boolean found = file.startsWith(FILES) && Files.isRegularFile(file);
			byte[] body = found ? Files.readAllBytes(file) : new byte[0];
			String name = file.getFileName().toString();
			exchange.getResponseHeaders().set("Content-Type", name.endsWith(".js") ? "text/javascript"
					: name.endsWith(".css") ? "text/css" : "text/html; charset=utf-8");
			exchange.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return server;
	}

	static String origin(HttpServer server) {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** The shop's page with LivePulse's player of the stream on it. */
	static String page(HttpServer server, String livePulse, long streamId) {
		return origin(server) + "/index.html?livepulse=" + livePulse + "&stream=" + streamId;
	}
}
