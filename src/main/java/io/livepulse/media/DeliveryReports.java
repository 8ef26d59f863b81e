package io.livepulse.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * ({@code media/janus/janus.eventhandler.sampleevh.jcfg}) posts each viewer session's media statistics: the sessions
 * sent media in the last period are told on as {@link WebRtcMediaFlowed}. A CDN posts its HLS delivery log. The
 * playback module decides what either proves.
 */
@RestController
class DeliveryReports {

	private static final int MEDIA_EVENT = 32;
	private static final int WEBRTC_EVENT = 16;
	/** What a page names its session with: a playback token's characters, nothing a line or a field could hide in. */
	private static final Pattern SESSION_NAME = Pattern.compile("[0-9A-Za-z._-]{1,120}");

	/** The viewer's side of a session's selected ICE pair (Janus tells it once, its statistics every 5 s). */
	private record Peer(String address, boolean relayed) {
	}

	private final Cache<Long, Peer> peers = Caffeine.newBuilder().maximumSize(200_000)
		.expireAfterAccess(Duration.ofHours(1)).build();

	private final HookSecret secret;
	private final ApplicationEventPublisher events;
	private final JsonMapper json;

	DeliveryReports(HookSecret secret, ApplicationEventPublisher events, JsonMapper json) {
		this.secret = secret;
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
			JsonNode name = event.path("opaque_id");
			long handle = event.path("handle_id").asLong(0);
			int type = event.path("type").asInt(0);
			if (type == WEBRTC_EVENT && event.path("event").has("candidates")) {
				JsonNode remote = event.path("event").path("candidates").path("remote");
				if (remote.path("address").isString()) {
					peers.put(handle, new Peer(remote.path("address").asString(), "relay".equals(remote.path("type").asString(""))));
				}
			}
			else if (type == MEDIA_EVENT && name.isString() && SESSION_NAME.matcher(name.asString()).matches()
					&& sentMedia(event.path("event"))) {
				Peer peer = peers.getIfPresent(handle);
				flowing.add(new WebRtcMediaFlowed.Session(name.asString(), peer == null ? null : peer.address(),
						peer != null && peer.relayed()));
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
