package io.livepulse.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.LivePulseH2Test;

/** The dedicated event port speaks just enough HTTP/1.1, and answers everything else with a problem. */
@LivePulseH2Test
class EventPortTests {

	@LocalServerPort
	int port;

	@Autowired
	NettyEventPort server;

	ApiClient api;
	String seller;

	@BeforeEach
	void signIn() {
		api = new ApiClient(port);
		seller = api.token("seller-9", "SELLER", 9L);
	}

	long liveStream() {
		return api.liveStream(seller, "Port");
	}

	Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", server.port().orElseThrow());
		socket.setSoTimeout(5_000);
		return socket;
	}

	/**
	 * Sends a raw request and reads until the server closes the connection, or for 5 s at most (so
	 * that an event stream opened by mistake fails the test instead of hanging it).
	 */
	String exchange(String request) throws IOException {
		try (Socket socket = connect()) {
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			long deadline = System.nanoTime() + 5_000_000_000L;
			byte[] buffer = new byte[4096];
			for (int read; System.nanoTime() < deadline && (read = in.read(buffer)) >= 0;) {
				answer.write(buffer, 0, read);
			}
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

	static String get(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
	}

	/** Reads from an open event stream until the text appears. */
	static String readUntil(InputStream in, String expected) throws IOException {
		ByteArrayOutputStream seen = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		while (!seen.toString(StandardCharsets.UTF_8).contains(expected)) {
			int read = in.read(buffer);
			if (read < 0) {
				break;
			}
			seen.write(buffer, 0, read);
		}
		return seen.toString(StandardCharsets.UTF_8);
	}

	@Test
	void aSubscriberGetsAnEventStreamThatAnyOriginMayReadAndThatCarriesRealLikes() throws Exception {
		long id = liveStream();
		try (Socket socket = connect()) {
			socket.getOutputStream().write(get("/api/streams/" + id + "/events").getBytes(StandardCharsets.US_ASCII));
			String head = readUntil(socket.getInputStream(), "\r\n\r\n");
			assertThat(head).startsWith("HTTP/1.1 200 OK\r\n")
				.contains("Content-Type: text/event-stream\r\n", "Access-Control-Allow-Origin: *\r\n");
			api.post("/api/streams/" + id + "/likes", api.token("viewer-9", "VIEWER", null), null);
			String received = readUntil(socket.getInputStream(), "\"likes\":1");
			assertThat(received).contains("event:engagement\ndata:{").contains("\"streamId\":" + id);
		}
	}

	@Test
	void subscribersOfAStreamThatEndsGetTheEndedEventAndAreClosedAndLateComersGetItAtOnce() throws Exception {
		long id = liveStream();
		try (Socket socket = connect()) {
			socket.getOutputStream().write(get("/api/streams/" + id + "/events").getBytes(StandardCharsets.US_ASCII));
			readUntil(socket.getInputStream(), "\r\n\r\n");
			await().atMost(Duration.ofMillis(3_000)).untilAsserted(() -> assertThat(server.size(id)).isEqualTo(1));
			api.post("/api/streams/" + id + "/end", seller, null);
			String rest = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(rest).contains("event:ended\ndata:{").contains("\"status\":\"ENDED\"");
		}
		String late = exchange(get("/api/streams/" + id + "/events"));
		assertThat(late).startsWith("HTTP/1.1 200 OK").contains("event:ended");
		assertThat(server.size(id)).isZero();
	}

	@Test
	void aSubscriberThatHangsUpIsDropped() throws Exception {
		long id = liveStream();
		try (Socket socket = connect()) {
			socket.getOutputStream().write(get("/api/streams/" + id + "/events").getBytes(StandardCharsets.US_ASCII));
			readUntil(socket.getInputStream(), "\r\n\r\n");
			await().atMost(Duration.ofMillis(3_000)).untilAsserted(() -> assertThat(server.size(id)).isEqualTo(1));
		}
		await().atMost(Duration.ofMillis(3_000)).untilAsserted(() -> assertThat(server.size(id)).isZero());
	}

	@Test
	void unknownStreamsBadIdsOtherPathsAndOtherMethodsGetProblems() throws Exception {
		assertThat(exchange(get("/api/streams/987654/events"))).startsWith("HTTP/1.1 404 ")
			.contains("Content-Type: application/problem+json").contains("\"detail\":\"Stream 987654 does not exist.\"");
		assertThat(exchange(get("/api/streams/abc/events"))).startsWith("HTTP/1.1 400 ")
			.contains("application/problem+json").contains("not a stream id");
		assertThat(exchange(get("/api/streams"))).startsWith("HTTP/1.1 404 ").contains("/api/streams/{id}/events");
		long id = liveStream();
		assertThat(exchange("POST /api/streams/" + id + "/events HTTP/1.1\r\nContent-Length: 0\r\n\r\n"))
			.startsWith("HTTP/1.1 405 ").contains("Allow: GET, OPTIONS").contains("application/problem+json");
		assertThat(exchange("hello\r\n\r\n")).startsWith("HTTP/1.1 400 ");
		assertThat(server.size(id)).isZero();
	}

	@Test
	void onlyDigitsMakeAStreamId() throws Exception {
		long id = liveStream();
		for (String malformed : new String[] { "+" + id, "-" + id, "0" + id + "x", "%3" + id, "1234567890123456789" }) {
			assertThat(exchange(get("/api/streams/" + malformed + "/events"))).as(malformed)
				.startsWith("HTTP/1.1 400 ").contains("application/problem+json", "not a stream id");
		}
		assertThat(exchange("GET /api/streams/" + id + " /events HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
		assertThat(exchange(get("/api/streams/123456789012345678/events"))).startsWith("HTTP/1.1 404 ");
		assertThat(server.size(id)).isZero();
	}

	@Test
	void onlyHttp11And10AreSpoken() throws Exception {
		long id = liveStream();
		for (String version : new String[] { "HTTP/1.9", "HTTP/2.0", "HTTP/3.0" }) {
			assertThat(exchange("GET /api/streams/" + id + "/events " + version + "\r\n\r\n")).as(version)
				.startsWith("HTTP/1.1 505 ").contains("application/problem+json");
		}
		for (String garbage : new String[] { "HTTP/1.10", "HTTP/1", "http/1.1", "HTTP/1.1 ", "FTP/1.1" }) {
			assertThat(exchange("GET /api/streams/" + id + "/events " + garbage + "\r\n\r\n")).as(garbage)
				.startsWith("HTTP/1.1 400 ");
		}
		try (Socket socket = connect()) {
			socket.getOutputStream().write(("GET /api/streams/" + id + "/events HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(readUntil(socket.getInputStream(), "\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n");
		}
		assertThat(exchange("GET /api/streams/" + id + "/events HTTP/1.1\r\nX-A:\rb\r\n\r\n")).as("bare CR")
			.startsWith("HTTP/1.1 400 ");
		assertThat(exchange("GET /api/streams/" + id + "/events HTTP/1.1\r\nX-A : b\r\n\r\n")).as("space before colon")
			.startsWith("HTTP/1.1 400 ");
	}

	@Test
	void aRequestWithLfOnlyLineEndsIsAnsweredAtOnce() throws Exception {
		long id = liveStream();
		long started = System.nanoTime();
		try (Socket socket = connect()) {
			socket.setSoTimeout(8_000);
			socket.getOutputStream()
				.write(("GET /api/streams/" + id + "/events HTTP/1.1\nHost: 127.0.0.1\n\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(readUntil(socket.getInputStream(), "\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n");
		}
		assertThat(exchange("GET /api/streams/987654/events HTTP/1.1\n\n")).startsWith("HTTP/1.1 404 ");
		assertThat(exchange("GET /api/streams/987654/events HTTP/1.1\r\nHost: x\n\r\n")).startsWith("HTTP/1.1 404 ");
		assertThat(System.nanoTime() - started).as("well before the 10-s request deadline").isLessThan(8_000_000_000L);
	}

	@Test
	void aRequestWithABodyIsRefused() throws Exception {
		long id = liveStream();
		String path = "/api/streams/" + id + "/events";
		assertThat(exchange("GET " + path + " HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello")).startsWith("HTTP/1.1 400 ")
			.contains("application/problem+json", "no body");
		assertThat(exchange("GET " + path + " HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
			.startsWith("HTTP/1.1 400 ").contains("no body");
		assertThat(exchange("GET " + path + " HTTP/1.1\r\nContent-Length: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
		try (Socket socket = connect()) {
			socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(readUntil(socket.getInputStream(), "\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n");
		}
	}

	@Test
	void aRehearsalIsAnsweredExactlyLikeAnUnknownStream() throws Exception {
		long rehearsal = api.startedStream(seller, "Practice", "REHEARSAL");
		long unknown = 987_654_321L;
		String rehearsalAnswer = exchange(get("/api/streams/" + rehearsal + "/events"));
		String unknownAnswer = exchange(get("/api/streams/" + unknown + "/events"));
		assertThat(rehearsalAnswer).startsWith("HTTP/1.1 404 ").doesNotContain("event:");
		assertThat(withoutId(rehearsalAnswer, rehearsal)).isEqualTo(withoutId(unknownAnswer, unknown));
		assertThat(server.size(rehearsal)).isZero();
	}

	/** The answer with the stream id, and so the body's length, masked. */
	static String withoutId(String answer, long id) {
		return answer.replace("/streams/" + id + "/", "/streams/{id}/")
			.replace("Stream " + id + " ", "Stream {id} ")
			.replaceAll("Content-Length: \\d+", "Content-Length: n");
	}

	@Test
	void aCorsPreflightIsAnsweredForTheHeaderBrowsersSendOnReconnect() throws Exception {
		String preflight = exchange("OPTIONS /api/streams/1/events HTTP/1.1\r\nOrigin: http://example.test\r\n"
				+ "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: last-event-id\r\n\r\n");
		assertThat(preflight).startsWith("HTTP/1.1 204 ")
			.contains("Access-Control-Allow-Origin: *", "Access-Control-Allow-Headers: Last-Event-ID");
	}

	@Test
	void aRequestHeadThatNeverEndsIsRefusedOnceTooLarge() throws Exception {
		try (Socket socket = connect()) {
			String filler = "X-Filler: " + "a".repeat(1000) + "\r\n";
			StringBuilder request = new StringBuilder("GET /api/streams/1/events HTTP/1.1\r\n");
			for (int i = 0; i < 10; i++) {
				request.append(filler);
			}
			try {
				socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
			}
			catch (IOException closedWhileWriting) {
				// the server may close before it has read everything; the answer is still there to read
			}
			String answer;
			try {
				answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (SocketTimeoutException | java.net.SocketException reset) {
				answer = "";
			}
			assertThat(answer).startsWith("HTTP/1.1 431 ");
		}
	}
}
