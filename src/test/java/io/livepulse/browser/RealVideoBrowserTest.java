package io.livepulse.browser;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.NginxRtmp;
import io.livepulse.support.RealVideoTest;
import io.livepulse.support.TestGroups;

/** Real video in a real Chromium: the class's own nginx-rtmp beside the service, and the run's one Chromium. */
@Tag(TestGroups.BROWSER)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealVideoBrowserTest extends RealVideoTest {

	@LocalServerPort
	int port;

	BrowserSupport browsers;
	NginxRtmp nginx;

	@BeforeAll
	void startMediaServerAndBrowser() {
		nginx = NginxRtmp.start(port, RTMP_PORT, HTTP_PORT, PLAYBACK_LOG_PORT);
		browsers = BrowserSupport.shared();
	}

	@AfterAll
	void stopMediaServer() {
		nginx.close();
	}

	/** How a test's encoder publishes to a stream key (e.g. {@code key -> nginx.publish(key, 600)}). */
	interface Encoder {
		Process publish(String key) throws IOException;
	}

	/** A new stream of seller-1's with an encoder publishing to it; closing stops the encoder and ends the stream. */
	record LiveVideo(ApiClient api, String sellerToken, long id, String key, Process encoder) implements AutoCloseable {

		@Override
		public void close() throws InterruptedException {
			encoder.destroy();
			encoder.waitFor(5, TimeUnit.SECONDS);
			api.post("/api/streams/" + id + "/end", sellerToken, "{\"save\":false}");
		}
	}

	LiveVideo goLive(String title, Encoder encoder) throws IOException {
		ApiClient api = new ApiClient(port);
		String sellerToken = api.token("seller-1", "SELLER", 456L);
		long id = api.post("/api/streams", sellerToken, "{\"title\":\"" + title + "\"}").json().get("id").asLong();
		String key = api.get("/api/streams/" + id + "/key", sellerToken).json().get("streamKey").asString();
		return new LiveVideo(api, sellerToken, id, key, encoder.publish(key));
	}
}
