package io.livepulse.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.LivePulseH2Test;

/**
 * A subscriber that stops reading (a 2 KB receive buffer, only the response head read) costs the host
 * a small, bounded amount of memory on both event transports: its socket has a small fixed send buffer,
 * and once it falls too far behind it is reset, so no socket lingers with queued data after its place
 * under the per-address cap is freed (RELIABILITY.md, slow readers).
 */
@LivePulseH2Test
class SlowReaderTests {

	/** Far more than the service may queue for one subscriber, far less than what it queued before: 2.2 MB. */
	static final int MOST_QUEUED_BYTES = 256 * 1024;
	static final byte[] EVENT = ("event:chat\ndata:" + "x".repeat(4_000) + "\n\n").getBytes(StandardCharsets.US_ASCII);

	@LocalServerPort
	int webPort;

	@Autowired
	NettyEventPort eventPort;

	@Autowired
	ServletEventStreams webEvents;

	ApiClient api;
	String seller;

	@BeforeEach
	void signIn() {
		api = new ApiClient(webPort);
		seller = api.token("seller-31", "SELLER", 31L);
	}

	@Test
	void theEventPortResetsASubscriberThatStopsReadingAfterLittleWasQueuedAndLeavesNoSocketBehind() throws Exception {
		long stream = api.liveStream(seller, "Slow readers, event port");
		try (Socket reader = slowReader(eventPort.port().orElseThrow(), stream)) {
			await().atMost(Duration.ofSeconds(5)).until(() -> eventPort.size(stream) == 1);

			publishUntilDropped(stream, id -> eventPort.size(id) == 0, eventPort::publish);

			assertThat(serverSocketsTowards(eventPort.port().orElseThrow(), reader.getLocalPort()))
				.as("the server's side of the dropped connection is gone, not lingering in FIN-WAIT-1 with its data")
				.isEmpty();
			assertResetAfterLittle(reader);
		}
	}

	@Test
	void theWebServerResetsASubscriberThatStopsReadingAfterLittleWasQueuedAndLeavesNoSocketBehind() throws Exception {
		long stream = api.liveStream(seller, "Slow readers, web server");
		try (Socket reader = slowReader(webPort, stream)) {
			await().atMost(Duration.ofSeconds(5)).until(() -> webEvents.watchedStreams().contains(stream));

			publishUntilDropped(stream, id -> !webEvents.watchedStreams().contains(id), webEvents::publish);

			// the server's side of the dropped connection is gone, not lingering in FIN-WAIT-1 with its data
			await().atMost(Duration.ofSeconds(2)).until(() -> serverSocketsTowards(webPort, reader.getLocalPort()).isEmpty());
			assertResetAfterLittle(reader);
		}
	}

	@Test
	void anOrdinarySubscriberOfTheWebServerGetsEveryEventWhileOthersOfTheStreamHaveStoppedReading() throws Exception {
		long stream = api.liveStream(seller, "Slow readers beside an ordinary one");
		List<Socket> slow = new java.util.ArrayList<>();
		try (Socket ordinary = slowReader(webPort, stream)) {
			// more than a subscriber may fall behind (32): writing them in turn, each publish stopped at another one
			for (int i = 0; i < 48; i++) {
				slow.add(slowReader(webPort, stream));
			}
			java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
			Thread reading = Thread.ofVirtual().start(() -> countEvents(ordinary, received));
			int published = 120;
			for (int i = 0; i < published; i++) {
				webEvents.publish(stream, EVENT);
				Thread.sleep(10);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> received.get() >= published);
			assertThat(received.get()).as("events the ordinary subscriber read").isEqualTo(published);
			reading.interrupt();
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}

	/** Reads an event stream as fast as it comes, counting its chat events, until the socket closes. */
	static void countEvents(Socket socket, java.util.concurrent.atomic.AtomicInteger received) {
		byte[] marker = "event:chat".getBytes(StandardCharsets.US_ASCII);
		byte[] buffer = new byte[64 * 1024];
		int matched = 0;
		try {
			socket.setSoTimeout(0);
			InputStream in = socket.getInputStream();
			for (int n; (n = in.read(buffer)) >= 0;) {
				for (int i = 0; i < n; i++) {
					matched = buffer[i] == marker[matched] ? matched + 1 : (buffer[i] == marker[0] ? 1 : 0);
					if (matched == marker.length) {
						received.incrementAndGet();
						matched = 0;
					}
				}
			}
		}
		catch (IOException closed) {
			// the test is over
		}
	}

	interface Publisher {
		void publish(long streamId, byte[] event);
	}

	/** Publishes large events, as fast as a busy chat would, until the subscriber is let go (10 s at most). */
	static void publishUntilDropped(long stream, LongPredicate dropped, Publisher publisher) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		for (int sent = 0; sent < 2_000 && !dropped.test(stream) && System.nanoTime() < deadline; sent++) {
			publisher.publish(stream, EVENT);
			if (sent % 16 == 15) {
				Thread.sleep(5);
			}
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> dropped.test(stream));
	}

	/** A client with a 2 KB receive buffer that reads the event stream's head and then nothing. */
	static Socket slowReader(int port, long stream) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(2048);
		socket.connect(new InetSocketAddress("127.0.0.1", port));
		socket.setSoTimeout(5_000);
		socket.getOutputStream()
			.write(("GET /api/streams/" + stream + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int next = in.read();
			assertThat(next).as("the response head").isNotNegative();
			head.append((char) next);
		}
		assertThat(head.toString()).startsWith("HTTP/1.1 200");
		return socket;
	}

	/** Reading now, the client gets what it had already received, then a reset: not the megabytes a lingering socket would send. */
	static void assertResetAfterLittle(Socket reader) throws IOException {
		long read = 0;
		byte[] buffer = new byte[16 * 1024];
		InputStream in = reader.getInputStream();
		try {
			for (int n; (n = in.read(buffer)) >= 0;) {
				read += n;
			}
			throw new AssertionError("the connection ended in order after " + read + " bytes; expected a reset");
		}
		catch (SocketTimeoutException stillOpen) {
			throw new AssertionError("the connection is still open after " + read + " bytes; expected a reset");
		}
		catch (SocketException reset) {
			assertThat(reset.getMessage()).containsIgnoringCase("reset");
		}
		assertThat(read).as("bytes the service had queued for a client that did not read").isLessThan(MOST_QUEUED_BYTES);
	}

	/** The service's sockets on the given local port towards the given client port, from the kernel's own table. */
	static List<String> serverSocketsTowards(int serverPort, int clientPort) throws IOException {
		String local = ":" + hexPort(serverPort);
		String remote = ":" + hexPort(clientPort);
		return java.util.stream.Stream.of("/proc/net/tcp", "/proc/net/tcp6")
			.map(Path::of)
			.filter(Files::exists)
			.flatMap(SlowReaderTests::lines)
			.map(String::trim)
			.filter(line -> {
				String[] fields = line.split("\\s+");
				return fields.length > 3 && fields[1].endsWith(local) && fields[2].endsWith(remote);
			})
			.toList();
	}

	private static java.util.stream.Stream<String> lines(Path table) {
		try {
			return Files.readAllLines(table).stream().skip(1);
		}
		catch (IOException unreadable) {
			throw new IllegalStateException(unreadable);
		}
	}

	private static String hexPort(int port) {
		return String.format(Locale.ROOT, "%04X", port);
	}
}
