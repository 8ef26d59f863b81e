package io.livepulse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.Databases;
import io.livepulse.support.TestGroups;

/**
 * Slow clients cannot take the web port's connections from everybody else: past its cap a new
 * connection from one address is closed at once, other addresses are served, a closed connection
 * frees its place, and a connection whose first request head is not whole by the deadline is closed
 * however slowly it keeps sending.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "livepulse.http.max-connections-per-address=3", "livepulse.http.first-request-head-deadline=2s" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WebConnectionLimitsTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	private Socket connect(String from) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(from, 0));
		socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
		socket.setSoTimeout(3_000);
		return socket;
	}

	/** A slow client's opening: a request line it does not finish. */
	private Socket slowClient() throws IOException {
		Socket socket = connect("127.0.0.1");
		socket.getOutputStream().write("GET /actuator/health HT".getBytes(StandardCharsets.US_ASCII));
		return socket;
	}

	private static String health(Socket socket) throws IOException {
		socket.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
			.getBytes(StandardCharsets.US_ASCII));
		return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
	}

	@Tag(TestGroups.SLOW)
	@Test
	void aConnectionWhoseFirstHeadTricklesPastTheDeadlineIsClosedWhileAnIdleKeptAliveOneStays() throws Exception {
		try (Socket trickling = connect("127.0.0.2"); Socket keptAlive = connect("127.0.0.2")) {
			keptAlive.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: x\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			byte[] first = new byte[512];
			assertThat(new String(first, 0, keptAlive.getInputStream().read(first), StandardCharsets.US_ASCII))
				.startsWith("HTTP/1.1 200");
			trickling.setSoTimeout(500);
			long start = System.nanoTime();
			boolean closed = false;
			for (String part : "GET /actuator/health HTTP/1.1\r\nHost: x\r\nX-Slow: 1".split("")) {
				if (System.nanoTime() - start > 9_000_000_000L) {
					break;
				}
				try {
					trickling.getOutputStream().write(part.getBytes(StandardCharsets.US_ASCII));
				}
				catch (IOException reset) {
					closed = true;
					break;
				}
				if (closedByServer(trickling)) {
					closed = true;
					break;
				}
			}

			assertThat(closed).as("the trickling head is cut off").isTrue();
			assertThat((System.nanoTime() - start) / 1_000_000).as("by the 2 s deadline plus the sweep (room for a loaded machine), not the 10 s default")
				.isLessThan(7_000);
			keptAlive.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(keptAlive.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
				.as("a connection that sent its head in time is not touched (the first answer's last chunk may lead)")
				.contains("HTTP/1.1 200");
		}
	}

	private static boolean closedByServer(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		try {
			return in.read() == -1;
		}
		catch (SocketTimeoutException stillOpen) {
			return false;
		}
		catch (IOException reset) {
			return true;
		}
	}

	@Test
	void pastItsCapAnAddressIsRefusedWhileOthersAreServedAndAClosedConnectionFreesItsPlace() throws Exception {
		List<Socket> slow = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				slow.add(slowClient());
			}
			Socket fourth = slowClient();
			slow.add(fourth);

			assertThat(closedByServer(fourth)).as("the fourth connection from the same address").isTrue();
			try (Socket other = connect("127.0.0.2")) {
				assertThat(health(other)).startsWith("HTTP/1.1 200");
			}

			slow.get(0).close();
			// the server frees the place once it sees the close: try again until it has
			await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
				try (Socket again = connect("127.0.0.1")) {
					assertThat(health(again)).startsWith("HTTP/1.1 200");
				}
			});
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}
}
