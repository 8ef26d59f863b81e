package io.livepulse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;

import io.livepulse.push.EventStreamAddress;
import io.livepulse.support.ApiClient;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.SseClient;
import io.livepulse.support.TestGroups;

/**
 * The shipped reverse-proxy configuration, {@code deploy/nginx/livepulse.conf}, run by a real nginx
 * in front of the service: it passes pages, API and events (unbuffered), refuses what it should with
 * problem+json, and keeps metrics inside.
 */
@Tag(TestGroups.PROXY)
@LivePulseH2Test
class ReverseProxyConfigTests {

	private static final Path NGINX = Path.of("/usr/sbin/nginx");
	private static final int PROXY_SITE_PORT = freePort();
	private static final int PROXY_EVENTS_PORT = freePort();
	private static Path prefix;

	@LocalServerPort
	int port;

	ApiClient proxied;

	/** Where the service's event port listens: the address a page served directly over HTTP is given. */
	@Autowired
	EventStreamAddress eventStreams;

	@BeforeEach
	void startNginxOnce() throws Exception {
		proxied = new ApiClient(PROXY_SITE_PORT);
		if (prefix != null) {
			return;
		}
		if (!Files.isExecutable(NGINX)) {
			throw new IllegalStateException(NGINX + " is missing: run 'apt-get install -y nginx' (bin/test does this as root).");
		}
		prefix = Files.createTempDirectory("livepulse-nginx");
		Files.createDirectories(prefix.resolve("logs"));
		String config = Files.readString(Path.of("deploy/nginx/livepulse.conf"))
			.replace("127.0.0.1:8080", "127.0.0.1:" + port)
			.replace("127.0.0.1:8081", "127.0.0.1:" + eventPort())
			.replace("127.0.0.1:8000", "127.0.0.1:" + PROXY_SITE_PORT)
			.replace("127.0.0.1:8001", "127.0.0.1:" + PROXY_EVENTS_PORT);
		Path file = prefix.resolve("livepulse.conf");
		Files.writeString(file, config);
		run(NGINX.toString(), "-p", prefix.toString(), "-c", file.toString());
		for (int attempt = 0; attempt < 50 && !answers(); attempt++) {
			Thread.sleep(100);
		}
	}

	@AfterAll
	static void stopNginx() throws Exception {
		if (prefix != null) {
			run(NGINX.toString(), "-p", prefix.toString(), "-c", prefix.resolve("livepulse.conf").toString(), "-s", "stop");
		}
	}

	@Test
	void pagesApiAndEventsPassThroughAndEventsArriveUnbuffered() throws Exception {
		String seller = proxied.token("seller-1", "SELLER", 456L);
		long id = proxied.liveStream(seller, "Behind nginx");

		assertThat(proxied.get("/live/" + id, null).status()).isEqualTo(200);
		assertThat(proxied.get("/api/streams/" + id + "/engagement", null).status()).isEqualTo(200);
		for (String base : List.of("http://127.0.0.1:" + PROXY_EVENTS_PORT, "http://127.0.0.1:" + PROXY_SITE_PORT)) {
			try (SseClient events = SseClient.open(base + "/api/streams/" + id + "/events")) {
				proxied.post("/api/streams/" + id + "/likes", proxied.token("viewer-1", "VIEWER", null), null);
				assertThat(events.awaitEvent("engagement", 4_000, event -> event.data().contains("\"likes\":")))
					.as("an event through " + base).isNotNull();
			}
		}
	}

	@Test
	void anOversizedBodyIsRefusedByTheProxyAsAProblem() {
		String seller = proxied.token("seller-1", "SELLER", 456L);

		ApiClient.Response refused = proxied.post("/api/streams", seller, "{\"title\":\"" + "a".repeat(100_000) + "\"}");

		assertThat(refused.status()).isEqualTo(413);
		assertThat(refused.isProblem()).as(refused.body()).isTrue();
	}

	@Test
	void metricsAreNotReachableThroughTheProxyButHealthIs() {
		String admin = proxied.token("admin", "ADMIN", null);

		assertThat(proxied.get("/actuator/prometheus", admin).status()).isEqualTo(404);
		assertThat(proxied.get("/actuator/health", null).status()).isEqualTo(200);
	}

	@Test
	void oneAddressHoldsAtMostItsShareOfEventConnections() throws Exception {
		long id = proxied.liveStream(proxied.token("seller-1", "SELLER", 456L), "Crowded");
		HttpClient http = HttpClient.newHttpClient();
		List<HttpResponse<?>> held = new ArrayList<>();
		int refused = 0;
		try {
			for (int i = 0; i < 25; i++) {
				HttpResponse<java.io.InputStream> response = http.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + PROXY_EVENTS_PORT + "/api/streams/" + id + "/events"))
					.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
				held.add(response);
				if (response.statusCode() == 429) {
					refused++;
					assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
				}
			}
		}
		finally {
			for (HttpResponse<?> response : held) {
				((java.io.InputStream) response.body()).close();
			}
		}

		assertThat(refused).as("connections past the proxy's limit of 20 per address").isEqualTo(5);
	}

	private int eventPort() {
		return URI.create(eventStreams.forStream(1, new MockHttpServletRequest())).getPort();
	}

	private boolean answers() {
		try {
			return proxied.get("/actuator/health", null).status() == 200;
		}
		catch (RuntimeException notYet) {
			return false;
		}
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: "
					+ new String(process.getInputStream().readAllBytes()));
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
