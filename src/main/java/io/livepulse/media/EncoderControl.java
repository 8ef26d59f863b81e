package io.livepulse.media;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Cuts an encoder on the media server at once, without waiting for its next update hook: for
 * nginx-rtmp through {@code rtmp_control}'s {@code drop/client}. The call is asynchronous, so ending a
 * stream never waits on the media server; if it fails, the update hook's 403 cuts the encoder within
 * one update interval.
 */
@Component
class EncoderControl {

	private static final Logger log = LoggerFactory.getLogger(EncoderControl.class);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final MediaProperties properties;

	EncoderControl(MediaProperties properties) {
		this.properties = properties;
	}

	void drop(EncoderSession session) {
		String controlUrl = properties.nginxRtmp().controlUrl();
		if (session.server() != MediaServer.NGINX_RTMP || controlUrl == null || controlUrl.isBlank()) {
			return;
		}
		URI drop = URI.create(controlUrl + "/drop/client?app="
				+ URLEncoder.encode(properties.nginxRtmp().application(), StandardCharsets.UTF_8) + "&clientid="
				+ URLEncoder.encode(session.clientId(), StandardCharsets.UTF_8));
		http.sendAsync(HttpRequest.newBuilder(drop).timeout(Duration.ofSeconds(3)).GET().build(),
				HttpResponse.BodyHandlers.discarding())
			.whenComplete((response, failure) -> {
				if (failure != null || response.statusCode() / 100 != 2) {
					log.warn("Could not drop the encoder of stream {} through nginx-rtmp's control ({}); "
							+ "its next update hook cuts it", session.streamId(),
							failure != null ? failure.getClass().getSimpleName() : "HTTP " + response.statusCode());
				}
				else {
					log.info("Encoder of stream {} dropped through nginx-rtmp's control", session.streamId());
				}
			});
	}
}
