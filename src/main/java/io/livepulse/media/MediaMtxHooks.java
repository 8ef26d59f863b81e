package io.livepulse.media;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.livepulse.shared.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;

/**
 * MediaMTX's HTTP authentication ({@code authMethod: http}, {@code authHTTPAddress} pointing here with
 * {@code ?secret=}). MediaMTX cannot rename a path, so an encoder publishes to
 * {@code <app>/<playbackId>} and shows its key as the password or as {@code ?key=}; readers may read
 * a live stream's playback id. MediaMTX has no unpublish callback of its own: its
 * {@code runOnUnavailable} command posts {@code {"action":"unpublish","id":"$MTX_SOURCE_ID"}} here.
 * 2xx allows, anything else denies.
 */
@RestController
class MediaMtxHooks {

	private final HookSecret secret;
	private final EncoderSessions sessions;
	private final VideoService videos;

	MediaMtxHooks(HookSecret secret, EncoderSessions sessions, VideoService videos) {
		this.secret = secret;
		this.sessions = sessions;
		this.videos = videos;
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record AuthRequest(String ip, String user, String password, String token, String action, String path,
			String protocol, String id, String query, String userAgent) {
	}

	@PostMapping(path = "/api/media/mediamtx/auth", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> auth(HttpServletRequest request, @RequestBody AuthRequest auth) {
		secret.check(request);
		String action = HookInput.required("action", auth.action(), 20);
		String playbackId = HookInput.lastSegment(auth.path());
		switch (action) {
			case "publish" -> {
				String key = auth.password() != null && !auth.password().isEmpty() ? auth.password()
						: HookInput.queryParameter(auth.query(), "key");
				sessions.publish(MediaServer.MEDIAMTX, HookInput.key(key), HookInput.clientId(auth.id()), playbackId,
						auth.ip());
			}
			case "unpublish" -> sessions.publishDone(MediaServer.MEDIAMTX, HookInput.clientId(auth.id()));
			case "read", "playback" -> {
				if (!videos.mayBeWatched(playbackId, action.equals("read"))) {
					throw ApiProblem.forbidden("No live stream plays under this path.");
				}
			}
			default -> throw ApiProblem.forbidden("LivePulse allows publishing and reading only.");
		}
		return ResponseEntity.noContent().build();
	}
}
