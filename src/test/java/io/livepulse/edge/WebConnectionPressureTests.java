package io.livepulse.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.Databases;

/**
 * Slow clients from many addresses, where the per-address cap does not bite: once more than half of the
 * web port's connections are taken, a first request head gets the short deadline, so the slow ones are
 * shed within about a second (not the ordinary 30 s here) and a newcomer waiting behind a full port is
 * served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.max-connections=8", "livepulse.http.first-request-head-deadline=30s",
				"livepulse.http.first-request-head-deadline-when-busy=1s" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WebConnectionPressureTests {

	/** As many as the port takes (max-connections), so a newcomer waits in the accept queue until one is shed. */
	private static final int SLOW_CLIENTS = 8;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	@Test
	void pastHalfTheConnectionsSlowHeadsAreShedWithinTheShortDeadlineAndANewcomerIsServed() throws Exception {
		List<Socket> slow = new ArrayList<>();
		try {
			for (int i = 1; i <= SLOW_CLIENTS; i++) {
				Socket socket = new Socket();
				socket.bind(new InetSocketAddress("127.0.1." + i, 0));
				socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
				socket.setSoTimeout(250);
				socket.getOutputStream().write("GET /actuator/health HT".getBytes(StandardCharsets.US_ASCII));
				slow.add(socket);
			}
			long start = System.nanoTime();
			try (Socket newcomer = new Socket()) {
				newcomer.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
				newcomer.setSoTimeout(15_000);
				newcomer.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				assertThat(new String(newcomer.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
					.as("a newcomer behind a full port is served once slow heads are shed").startsWith("HTTP/1.1 200");
			}
			assertThat((System.nanoTime() - start) / 1_000_000)
				.as("by the 1 s busy deadline and the sweep, long before the 30 s one (room for a loaded machine)")
				.isLessThan(10_000);
			long shed = slow.stream().filter(socket -> closedByServerWithin(socket, start, 10_000)).count();
			assertThat(shed).as("slow heads closed by the server").isEqualTo(SLOW_CLIENTS);
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}

	private static boolean closedByServerWithin(Socket socket, long startNanos, long limitMillis) {
		while ((System.nanoTime() - startNanos) / 1_000_000 < limitMillis) {
			try {
				InputStream in = socket.getInputStream();
				if (in.read() == -1) {
					return true;
				}
			}
			catch (SocketTimeoutException stillOpen) {
				// read again until the limit
			}
			catch (IOException reset) {
				return true;
			}
		}
		return false;
	}
}
