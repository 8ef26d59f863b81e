package io.livepulse.support;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the real-video classes share: one context (and H2 database) pointed at an nginx-rtmp (and a Janus)
 * on ports fixed for the JVM, which each class starts and stops itself (its HLS delivery log to the service); a reconnect grace of 1 s checked every
 * 500 ms, and a clock a test moves to reach the 10-minute auto-end instead of waiting for it.
 */
@Tag(TestGroups.MEDIA)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FreshDatabase.H2.class)
@Import(SharedTestClock.class)
public abstract class RealVideoTest {

	protected static final int RTMP_PORT = NginxRtmp.freePort();
	protected static final int HTTP_PORT = NginxRtmp.freePort();
	/** Where a class that plays WebRTC starts its Janus; without one, pages fall back to HLS at once. */
	protected static final int JANUS_PORT = NginxRtmp.freePort();
	/** Where the service reads the media server's HLS delivery log: viewers of video count only while they fetch it. */
	protected static final int PLAYBACK_LOG_PORT = NginxRtmp.freePort();

	@DynamicPropertySource
	static void realVideo(DynamicPropertyRegistry registry) {
		NginxRtmp.useIn(registry, HTTP_PORT);
		registry.add("livepulse.media.webrtc.janus-url", () -> JanusServer.url(JANUS_PORT));
		registry.add("livepulse.media.ingest-url", () -> "rtmp://127.0.0.1:" + RTMP_PORT + "/ingest");
		registry.add("livepulse.media.reconnect-grace", () -> "1s");
		registry.add("livepulse.media.video-loss-check-interval", () -> "500ms");
		registry.add("livepulse.playback.log-port", () -> PLAYBACK_LOG_PORT);
	}
}
