package io.livepulse.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.Databases;
import tools.jackson.databind.JsonNode;

/**
 * A client cannot make viewers up: device ids it did not get from the service never count, it gets
 * only so many new ones a minute, and the address it is counted under is its own unless a configured
 * proxy vouches for another. Every refusal is reported to admins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "livepulse.presence.new-devices-per-address-per-minute=5",
			"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.2" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PresenceFloodTests {

	@LocalServerPort
	int port;

	ApiClient api;
	String admin;
	long streamId;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	@BeforeEach
	void liveStream() {
		api = new ApiClient(port);
		admin = api.token("admin", "ADMIN", null);
		streamId = api.liveStream(api.token("seller-1", "SELLER", 456L), "Flood");
	}

	JsonNode uncounted() {
		return api.get("/api/admin/presence/uncounted", admin).json();
	}

	Response heartbeat(Map<String, String> headers) {
		return api.post("/api/streams/" + streamId + "/heartbeat", null, null, headers);
	}

	@Test
	void madeUpDeviceIdsNeverCountAndAdminsSeeHowManyCameFromWhere() {
		long before = uncounted().get("byReason").get("FORGED_DEVICE_ID").asLong();
		for (int i = 0; i < 40; i++) {
			assertThat(heartbeat(Map.of("Cookie", "lp_device=" + UUID.randomUUID())).status()).isEqualTo(200);
		}

		assertThat(api.get("/api/streams/" + streamId + "/engagement", null).json().get("viewers").asInt()).isZero();
		JsonNode report = uncounted();
		assertThat(report.get("byReason").get("FORGED_DEVICE_ID").asLong()).isEqualTo(before + 40);
		assertThat(report.get("topAddresses").get(0).get("address").asString()).isEqualTo("127.0.0.1");
		assertThat(api.get("/api/admin/presence/uncounted", null).status()).isEqualTo(401);
	}

	@Test
	void aForwardedForHeaderFromAPeerThatIsNoConfiguredProxyIsIgnored() {
		heartbeat(Map.of("Cookie", "lp_device=forged", "X-Forwarded-For", "203.0.113.9"));

		assertThat(uncounted().get("topAddresses").findValuesAsString("address")).contains("127.0.0.1")
			.doesNotContain("203.0.113.9");
	}

	/** Through 127.0.0.2, the configured proxy (in the same context: only the peer address differs). */
	@Nested
	class BehindAConfiguredProxy {

		@LocalServerPort
		int proxiedPort;

		ApiClient proxy() {
			try {
				return new ApiClient(proxiedPort, InetAddress.getByName("127.0.0.2"));
			}
			catch (UnknownHostException impossible) {
				throw new IllegalStateException(impossible);
			}
		}

		@Test
		void theClientAddressComesFromTheProxysForwardedFor() {
			ApiClient proxied = proxy();
			long id = proxied.liveStream(proxied.token("seller-1", "SELLER", 456L), "Proxied");
			proxied.post("/api/streams/" + id + "/heartbeat", null, null,
					Map.of("Cookie", "lp_device=forged", "X-Forwarded-For", "198.51.100.4, 203.0.113.9"));

			JsonNode report = proxied.get("/api/admin/presence/uncounted", proxied.token("admin", "ADMIN", null)).json();
			assertThat(report.get("topAddresses").findValuesAsString("address")).contains("203.0.113.9");
		}

		/** An address no other test uses (through the proxy), so its bucket of 5 new ids a minute is full. */
		@Test
		void anAddressGetsExactlyItsNewDeviceIdsAMinuteAndTheRestAreReported() {
			ApiClient proxied = proxy();
			String admin = proxied.token("admin", "ADMIN", null);
			long id = proxied.liveStream(proxied.token("seller-1", "SELLER", 456L), "Many devices");
			long refusedBefore = proxied.get("/api/admin/presence/uncounted", admin).json().get("byReason")
				.get("NEW_DEVICE_RATE_LIMITED").asLong();
			int issued = 0;
			for (int i = 0; i < 8; i++) {
				Response answer = proxied.post("/api/streams/" + id + "/heartbeat", null, null,
						Map.of("X-Forwarded-For", "198.51.100.77"));
				assertThat(answer.status()).isEqualTo(200);
				if (answer.header("Set-Cookie") != null) {
					issued++;
				}
			}

			assertThat(issued).isEqualTo(5);
			assertThat(proxied.get("/api/admin/presence/uncounted", admin).json().get("byReason")
				.get("NEW_DEVICE_RATE_LIMITED").asLong()).isEqualTo(refusedBefore + 3);
		}

		@Test
		void behindATlsProxyPagesGetHstsAndTheDeviceCookieIsSecure() {
			ApiClient proxied = proxy();
			long id = proxied.liveStream(proxied.token("seller-1", "SELLER", 456L), "Over TLS");

			Response answer = proxied.post("/api/streams/" + id + "/heartbeat", null, null,
					Map.of("X-Forwarded-For", "203.0.113.10", "X-Forwarded-Proto", "https"));

			assertThat(answer.header("Set-Cookie")).contains("Secure").contains("HttpOnly");
			assertThat(proxied.get("/", null, Map.of("X-Forwarded-Proto", "https")).header("Strict-Transport-Security"))
				.contains("max-age=");
			assertThat(proxied.get("/", null).header("Strict-Transport-Security")).as("plain http").isNull();
		}
	}
}
