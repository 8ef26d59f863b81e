package io.livepulse.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.shared.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who watches, as the media side tells it, with the media hook secret. Janus's event handler
 * ({@code media/janus/janus.eventhandler.sampleevh.jcfg}) posts what it learns of each viewer session (the mountpoint
 * it watches, its peer: {@link WebRtcSessionLearned}) and its media statistics: the sessions sent media in the last
 * period are told on as {@link WebRtcMediaFlowed}. A CDN posts its HLS delivery log. The
 * playback module decides what either proves.
 */
@RestController
class DeliveryReports {

	private static final int MEDIA_EVENT = 32;
	private static final int WEBRTC_EVENT = 16;
	private static final int PLUGIN_EVENT = 64;
	/**
	 * What a page names its session with (a playback token's characters) and a mountpoint's id (a playback id):
	 * nothing a line or a field could hide in.
	 */
	private static final Pattern NAME = Pattern.compile("[0-9A-Za-z._-]{1,120}");
	/** An address literal as Janus writes one (IPv4, IPv6, a zone). */
	private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:%a-z]{2,64}");

	private final HookSecret secret;
	private final WebRtcSessions sessions;
	private final ApplicationEventPublisher events;
	private final JsonMapper json;

	DeliveryReports(HookSecret secret, WebRtcSessions sessions, ApplicationEventPublisher events, JsonMapper json) {
		this.secret = secret;
		this.sessions = sessions;
		this.events = events;
		this.json = json;
	}

	@PostMapping(path = "/api/media/janus/events", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> receive(HttpServletRequest request, @RequestBody String body) {
		secret.check(request);
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (JacksonException malformed) {
			throw ApiProblem.badRequest("The body is not JSON.");
		}
		List<WebRtcMediaFlowed.Session> flowing = new ArrayList<>();
		for (JsonNode event : root.isArray() ? root : List.of(root)) {
			long handle = event.path("handle_id").asLong(0);
			int type = event.path("type").asInt(0);
			JsonNode name = event.path("opaque_id");
			if (type == WEBRTC_EVENT || type == PLUGIN_EVENT) {
				learned(handle, type, event.path("event")).ifPresent(learned -> {
					sessions.learn(learned);
					events.publishEvent(learned);
				});
			}
			else if (type == MEDIA_EVENT && name.isString() && NAME.matcher(name.asString()).matches()
					&& sentMedia(event.path("event"))) {
				WebRtcSessions.Facts facts = sessions.of(handle);
				flowing.add(new WebRtcMediaFlowed.Session(name.asString(), facts.mountpoint(), facts.peerAddress(),
						facts.relayed()));
			}
		}
		if (!flowing.isEmpty()) {
			events.publishEvent(new WebRtcMediaFlowed(List.copyOf(flowing)));
		}
		return ResponseEntity.ok().build();
	}

	/**
	 * A CDN's real-time delivery log, lines of the format the README gives (what nginx sends LivePulse over UDP),
	 * at most 64 KB a request; told on as {@link DeliveryLogReceived}.
	 */
	@PostMapping(path = "/api/media/delivery-log", consumes = MediaType.TEXT_PLAIN_VALUE)
	ResponseEntity<Void> deliveryLog(HttpServletRequest request, @RequestBody String body) {
		secret.check(request);
		List<String> lines = body.lines().filter(line -> !line.isBlank()).toList();
		if (!lines.isEmpty()) {
			events.publishEvent(new DeliveryLogReceived(lines));
		}
		return ResponseEntity.accepted().build();
	}

	/**
	 * The viewer's side of a session's selected ICE pair, or the streaming plugin's mountpoint a session watches
	 * (starting, or switched to).
	 */
	private static Optional<WebRtcSessionLearned> learned(long handle, int type, JsonNode event) {
		if (type == WEBRTC_EVENT) {
			JsonNode remote = event.path("candidates").path("remote");
			String address = remote.path("address").asString("");
			return ADDRESS.matcher(address).matches() ? Optional.of(new WebRtcSessionLearned(handle, null, address,
					"relay".equals(remote.path("type").asString("")))) : Optional.empty();
		}
		JsonNode data = event.path("data");
		String mountpoint = data.path("id").asString("");
		boolean streaming = "janus.plugin.streaming".equals(event.path("plugin").asString(""));
		return streaming && data.has("status") && NAME.matcher(mountpoint).matches()
				? Optional.of(new WebRtcSessionLearned(handle, mountpoint, null, false)) : Optional.empty();
	}

	/** Bytes sent in the last second in any medium's statistics (one each, or combined in an array; searched whole). */
	private static boolean sentMedia(JsonNode stats) {
		if (stats.path("bytes-sent-lastsec").asLong(0) > 0) {
			return true;
		}
		for (JsonNode inner : stats) {
			if ((inner.isObject() || inner.isArray()) && sentMedia(inner)) {
				return true;
			}
		}
		return false;
	}
}
