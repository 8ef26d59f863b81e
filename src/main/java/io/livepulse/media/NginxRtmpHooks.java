package io.livepulse.media;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.shared.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;

/**
 * nginx-rtmp's notify hooks ({@code on_publish}, {@code on_publish_done}, {@code on_update},
 * and the recording script's announcement). nginx posts a form and reads only the first digit of
 * the status: 2xx allows, 3xx renames the stream to {@code Location}, anything else denies. An
 * allowed publish is renamed to the stream's playback id, so the key is in no HLS path or file.
 */
@RestController
@RequestMapping(path = "/api/media/nginx-rtmp", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
class NginxRtmpHooks {

	private final HookSecret secret;
	private final EncoderSessions sessions;
	private final MediaProperties properties;
	private final WebRtcFeeds webRtcFeeds;

	NginxRtmpHooks(HookSecret secret, EncoderSessions sessions, MediaProperties properties, WebRtcFeeds webRtcFeeds) {
		this.secret = secret;
		this.sessions = sessions;
		this.properties = properties;
		this.webRtcFeeds = webRtcFeeds;
	}

	@PostMapping("/publish")
	ResponseEntity<Void> publish(HttpServletRequest request, @RequestParam(required = false) String app,
			@RequestParam(required = false) String name, @RequestParam(required = false) String clientid,
			@RequestParam(required = false) String addr) {
		secret.check(request);
		if (!properties.nginxRtmp().application().equals(app)) {
			throw ApiProblem.forbidden("Publish to the '%s' application.".formatted(properties.nginxRtmp().application()));
		}
		String playbackId = sessions.publish(MediaServer.NGINX_RTMP, HookInput.key(name), HookInput.clientId(clientid),
				null, addr == null ? request.getRemoteAddr() : addr);
		return ResponseEntity.status(HttpStatus.FOUND).header("Location", playbackId).build();
	}

	@PostMapping("/publish-done")
	ResponseEntity<Void> publishDone(HttpServletRequest request, @RequestParam(required = false) String clientid) {
		secret.check(request);
		sessions.publishDone(MediaServer.NGINX_RTMP, HookInput.clientId(clientid));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Every 5 s per session. Only encoders ({@code call=update_publish}) are judged; the internal push
	 * to the HLS application ({@code update_play}) must always pass or the HLS feed is cut.
	 */
	@PostMapping("/update")
	ResponseEntity<Void> update(HttpServletRequest request, @RequestParam(required = false) String call,
			@RequestParam(required = false) String clientid, @RequestParam(required = false) String name) {
		secret.check(request);
		if ("update_publish".equals(call) && !sessions.mayContinue(MediaServer.NGINX_RTMP, HookInput.clientId(clientid), keyIn(name))) {
			throw ApiProblem.forbidden("This encoder may no longer publish: the stream ended or its key was rotated.");
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/record-done")
	ResponseEntity<Void> recordDone(HttpServletRequest request, @RequestParam(required = false) String name,
			@RequestParam(required = false) String file) {
		secret.check(request);
		String playbackId = HookInput.required("name", name, 32);
		String fileName = HookInput.required("file", file, 200);
		if (!fileName.matches("[A-Za-z0-9._-]+\\.mp4") || !fileName.startsWith(playbackId)) {
			throw ApiProblem.badRequest("'file' must be the MP4 recording's file name, starting with the playback id.");
		}
		if (!sessions.recordingDone(playbackId, fileName)) {
			throw ApiProblem.notFound("No stream has this playback id.");
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * {@code media/webrtc-feed.sh} asks where to send a live stream's RTP: 200 {@code video=<port> audio=<port>}
	 * of its fresh Janus mountpoint, or 204 when WebRTC is off.
	 */
	@PostMapping(path = "/webrtc-feed", produces = MediaType.TEXT_PLAIN_VALUE)
	ResponseEntity<String> webRtcFeed(HttpServletRequest request, @RequestParam(required = false) String name) {
		secret.check(request);
		String playbackId = HookInput.required("name", name, 32);
		return webRtcFeeds.feed(playbackId)
			.map(ports -> ResponseEntity.ok("video=%d audio=%d".formatted(ports.video(), ports.audio())))
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	/** nginx names the stream by its key until the publish answer renames it; a playback id is no key. */
	private static String keyIn(String name) {
		return name == null || PlaybackIds.looksLikeOne(name) ? null : name;
	}
}
