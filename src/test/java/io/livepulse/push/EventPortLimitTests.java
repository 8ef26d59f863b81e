package io.livepulse.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.ApiClient;
import io.livepulse.support.Databases;

/** A full event port refuses newcomers with a problem instead of taking more than it was sized for. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "livepulse.push.max-event-connections=1")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EventPortLimitTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	NettyEventPort server;

	@Test
	void aConnectionBeyondTheLimitIsAnswered503AndTheSubscriberAlreadyThereKeepsItsStream() throws Exception {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-7", "SELLER", 7L);
		long id = api.liveStream(seller, "Full");
		byte[] request = ("GET /api/streams/" + id + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);

		try (Socket first = new Socket("127.0.0.1", server.port().orElseThrow())) {
			first.setSoTimeout(5_000);
			first.getOutputStream().write(request);
			EventPortTests.readUntil(first.getInputStream(), "\r\n\r\n");
			await().atMost(Duration.ofMillis(3_000)).untilAsserted(() -> assertThat(server.size(id)).isEqualTo(1));

			try (Socket second = new Socket("127.0.0.1", server.port().orElseThrow())) {
				second.setSoTimeout(5_000);
				second.getOutputStream().write(request);
				String refused = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(refused).startsWith("HTTP/1.1 503 ").contains("application/problem+json", "full");
			}
			InputStream stream = first.getInputStream();
			assertThat(EventPortTests.readUntil(stream, "event:engagement")).contains("event:engagement");
			assertThat(server.size(id)).isEqualTo(1);
		}
	}
}
