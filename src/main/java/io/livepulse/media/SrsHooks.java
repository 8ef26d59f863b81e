package io.livepulse.media;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.livepulse.shared.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;

/**
 * SRS's {@code http_hooks} (every hook URL pointing here with {@code ?secret=}). SRS cannot rename a
 * stream, so an encoder publishes to {@code <app>/<playbackId>?key=<stream key>}. SRS allows when the
 * answer is HTTP 200 with code 0; any other answer denies.
 */
@RestController
class SrsHooks {

	private static final Map<String, Integer> ALLOWED = Map.of("code", 0);

	private final HookSecret secret;
	private final EncoderSessions sessions;
	private final VideoService videos;

	SrsHooks(HookSecret secret, EncoderSessions sessions, VideoService videos) {
		this.secret = secret;
		this.sessions = sessions;
		this.videos = videos;
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Hook(String action, @JsonProperty("client_id") Object clientId, String ip, String vhost, String app,
			String stream, String param) {

		String client() {
			return HookInput.clientId(clientId == null ? null : String.valueOf(clientId));
		}
	}

	@PostMapping(path = "/api/media/srs/hooks", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Integer> hook(HttpServletRequest request, @RequestBody Hook hook) {
		secret.check(request);
		switch (HookInput.required("action", hook.action(), 20)) {
			case "on_publish" -> sessions.publish(MediaServer.SRS,
					HookInput.key(HookInput.queryParameter(hook.param(), "key")), hook.client(),
					HookInput.lastSegment(hook.stream()), hook.ip());
			case "on_unpublish" -> sessions.publishDone(MediaServer.SRS, hook.client());
			case "on_play" -> {
				// with hls_ctx on, SRS names HLS readers' streams "<id>.m3u8"
				if (!videos.mayBeWatched(HookInput.lastSegment(hook.stream()).replaceFirst("\\.m3u8$", ""), true)) {
					throw ApiProblem.forbidden("No live stream plays under this name.");
				}
			}
			default -> {
				// on_connect, on_close, on_stop, on_dvr, on_hls: nothing to decide
			}
		}
		return ALLOWED;
	}
}
