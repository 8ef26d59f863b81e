package io.livepulse.shared;

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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.Databases;

/**
 * Slow clients from one address cannot take the web port's connections from everybody else: past
 * its cap a new connection from that address is closed at once, other addresses are served, and a
 * closed connection frees its place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "livepulse.http.max-connections-per-address=3")
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
			Thread.sleep(300);
			try (Socket again = connect("127.0.0.1")) {
				assertThat(health(again)).startsWith("HTTP/1.1 200");
			}
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}
}
