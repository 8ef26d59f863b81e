package io.livepulse.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.shared.ClientAddress;
import io.livepulse.support.ApiClient;
import io.livepulse.support.Databases;

/**
 * One client cannot hold more than its share of the event port. Connections from 127.0.0.1 are
 * direct clients; 127.0.0.2 (also loopback) plays the trusted reverse proxy, whose forwarded-for
 * header names the client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "livepulse.push.max-event-connections-per-address=3",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.2" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EventPortClientLimitTests {

	static final String DIRECT = "127.0.0.1";
	static final String PROXY = "127.0.0.2";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	NettyEventPort server;

	long stream;
	final List<Socket> open = new ArrayList<>();

	@BeforeEach
	void liveStream() {
		ApiClient api = new ApiClient(port);
		stream = api.liveStream(api.token("seller-5", "SELLER", 5L), "Per address");
	}

	@AfterEach
	void closeAll() throws IOException {
		for (Socket socket : open) {
			socket.close();
		}
	}

	/** Connects from the given loopback address and sends the request; the first line of the answer. */
	Socket subscribe(String from, String forwardedFor) throws IOException {
		return subscribe(server.port().orElseThrow(), from, forwardedFor);
	}

	Socket subscribe(int toPort, String from, String forwardedFor) throws IOException {
		Socket socket = new Socket();
		open.add(socket);
		socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
		socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), toPort), 5_000);
		socket.setSoTimeout(5_000);
		String request = "GET /api/streams/" + stream + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n") + "\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		return socket;
	}

	String answer(Socket socket) throws IOException {
		return EventPortTests.readUntil(socket.getInputStream(), "\r\n\r\n");
	}

	void assertSubscribed(String from, String forwardedFor) throws IOException {
		assertThat(answer(subscribe(from, forwardedFor))).as(from + " for " + forwardedFor).startsWith("HTTP/1.1 200 OK");
	}

	void assertRefused(String from, String forwardedFor) throws IOException {
		Socket refused = subscribe(from, forwardedFor);
		String answer = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(answer).as(from + " for " + forwardedFor)
			.startsWith("HTTP/1.1 503 ")
			.contains("Content-Type: application/problem+json", "Retry-After: ", "Too many event streams");
	}

	@Test
	void aDirectClientGetsItsCapWhateverItForwardsAndAClosedConnectionFreesItsPlace() throws Exception {
		assertThat(server.limits().maxPerAddress()).isEqualTo(3);
		assertSubscribed(DIRECT, null);
		assertSubscribed(DIRECT, "203.0.113.1");
		assertSubscribed(DIRECT, "203.0.113.2");
		assertRefused(DIRECT, "203.0.113.3"); // not a trusted proxy: its header counts for nothing

		open.getFirst().close();
		InetAddress direct = InetAddress.getByName(DIRECT);
		await().atMost(Duration.ofMillis(3_000)).untilAsserted(() -> assertThat(server.limits().connectionsOf(direct)).isEqualTo(2));
		assertSubscribed(DIRECT, null);
		assertRefused(DIRECT, null);
		// the answer's head goes out just before the handler joins the stream, on the connection's loop
		await().atMost(Duration.ofMillis(3_000)).untilAsserted(() -> assertThat(server.size(stream)).isEqualTo(3));
	}

	/**
	 * A client past its cap that reconnects as fast as it can: each refusal lingers 2 s holding a place in the port, so
	 * only a few linger per client and the rest are closed at once, and the port keeps room for everyone else.
	 */
	@Test
	void aClientReconnectingPastItsCapHoldsOnlyAFewLingeringRefusals() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertSubscribed(DIRECT, null);
		}
		for (int i = 0; i < 30; i++) {
			subscribe(DIRECT, null); // never read: each waits out its linger, if it gets one
		}
		// well within the 2 s the lingering ones hold their places
		await().atMost(Duration.ofMillis(1_200)).untilAsserted(() -> assertThat(server.limits().held())
			.as("3 subscribers and at most %d lingering refusals", ConnectionLimits.LINGERING_REFUSALS_PER_CLIENT)
			.isLessThanOrEqualTo(3 + ConnectionLimits.LINGERING_REFUSALS_PER_CLIENT));
		assertSubscribed(PROXY, "203.0.113.20");
	}

	@Test
	void behindTheTrustedProxyEachForwardedClientGetsItsOwnCap() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertSubscribed(PROXY, "198.51.100.1, 203.0.113.7");
		}
		assertRefused(PROXY, "203.0.113.7");
		assertSubscribed(PROXY, "203.0.113.8");
		assertSubscribed(PROXY, null); // no header: the proxy itself is the client
		await().atMost(Duration.ofMillis(3_000)).untilAsserted(() -> assertThat(server.size(stream)).isEqualTo(5));
	}

	@Test
	void anIpv6ClientIsCountedByItsSlash64() throws Exception {
		assertSubscribed(PROXY, "2001:db8:1:2::1");
		assertSubscribed(PROXY, "[2001:db8:1:2::2]");
		assertSubscribed(PROXY, "2001:db8:1:2:aaaa:bbbb:cccc:dddd");
		assertRefused(PROXY, "2001:db8:1:2:ffff::9");
		assertSubscribed(PROXY, "2001:db8:1:3::1");
	}

	/**
	 * The same event streams on the web port (same origin as the pages, behind the site's proxy): there the proxy's
	 * own per-address limit sees one address per IPv6 host, so the service counts each client itself.
	 */
	@Test
	void onTheWebPortEachForwardedClientGetsTheSameCapAndAClosedStreamFreesItsPlace() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(answer(subscribe(port, PROXY, "2001:db8:5:6::" + (i + 1)))).startsWith("HTTP/1.1 200");
		}
		Socket refused = subscribe(port, PROXY, "2001:db8:5:6::99");
		String answer = answer(refused);
		assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After: ").containsIgnoringCase("application/problem+json");
		assertThat(answer(subscribe(port, PROXY, "2001:db8:5:7::1"))).as("another /64").startsWith("HTTP/1.1 200");

		open.getFirst().close();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				answer(subscribe(port, PROXY, "2001:db8:5:6::100"))).startsWith("HTTP/1.1 200"));
	}

	/** A routed /48 holds eight clients' worth, however many of its /64s it connects from. */
	@Test
	void anIpv6Slash48HoldsEightTimesAClientsCapOnBothPorts() throws Exception {
		int cap = 3;
		int eventPort = 0;
		int webPort = 0;
		for (int net = 0; net < 12; net++) {
			for (int i = 0; i < cap; i++) {
				String client = "2001:db8:48:" + Integer.toHexString(net) + "::" + (i + 1);
				eventPort += answer(subscribe(PROXY, client)).startsWith("HTTP/1.1 200") ? 1 : 0;
				webPort += answer(subscribe(port, PROXY, client)).startsWith("HTTP/1.1 200") ? 1 : 0;
			}
		}
		assertThat(eventPort).isEqualTo(ClientAddress.ADDRESSES_PER_NETWORK * cap);
		assertThat(webPort).isEqualTo(ClientAddress.ADDRESSES_PER_NETWORK * cap);
	}

	/** Spring may stop and start a context again (the test framework pauses idle ones): the port serves after it. */
	@Test
	void aPortStoppedAndStartedAgainStillAnswersSubscriptions() throws Exception {
		server.stop();
		server.start();

		assertSubscribed(DIRECT, null);
	}
}
