package io.livepulse.media;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Creates and removes the Janus streaming plugin's mountpoints, one per live stream, over Janus's HTTP
 * API: each call opens a short session, attaches the plugin, sends one request and closes the session.
 * A mountpoint is named by the playback id, private (left out of the plugin's list), and has a secret
 * derived from the hook secret, so LivePulse can remove it after its own restart.
 */
@Component
class JanusMountpoints {

	/** The streaming plugin's "no such mountpoint". */
	private static final int NO_SUCH_MOUNTPOINT = 455;

	private final JanusHttp janus;
	private final HookSecret secret;

	JanusMountpoints(JanusHttp janus, HookSecret secret) {
		this.janus = janus;
		this.secret = secret;
	}

	/** Where ffmpeg sends the stream's RTP on Janus's host. */
	record FeedPorts(int video, int audio) {
	}

	/** A fresh mountpoint for the playback id (one left from before is removed first); its feed ports. */
	FeedPorts create(String playbackId) {
		return inSession(handle -> {
			send(handle, destroyRequest(playbackId), true);
			Map<String, Object> create = new LinkedHashMap<>();
			create.put("request", "create");
			create.put("admin_key", secret.value());
			create.put("type", "rtp");
			create.put("id", playbackId);
			create.put("description", playbackId);
			create.put("is_private", true);
			create.put("secret", mountpointSecret(playbackId));
			create.put("permanent", false);
			// the feed ports listen on loopback only (Janus binds every interface otherwise): nobody else may feed a
			// live stream's WebRTC viewers
			create.put("media", List.of(
					Map.of("type", "video", "mid", "v", "port", 0, "iface", "127.0.0.1", "pt", 96, "codec", "h264",
							"fmtp", "profile-level-id=42e01f;packetization-mode=1", "videobufferkf", true),
					Map.of("type", "audio", "mid", "a", "port", 0, "iface", "127.0.0.1", "pt", 111, "codec", "opus")));
			JsonNode created = send(handle, create, false);
			int video = 0;
			int audio = 0;
			for (JsonNode port : created.path("stream").path("ports")) {
				if ("video".equals(port.path("type").asString())) {
					video = port.path("port").asInt();
				}
				else if ("audio".equals(port.path("type").asString())) {
					audio = port.path("port").asInt();
				}
			}
			if (video == 0 || audio == 0) {
				throw new JanusHttp.Unavailable("Janus created the mountpoint without its ports", null);
			}
			return new FeedPorts(video, audio);
		});
	}

	/** Removes the playback id's mountpoint; one that is already gone is fine. */
	void destroy(String playbackId) {
		inSession(handle -> send(handle, destroyRequest(playbackId), true));
	}

	private Map<String, Object> destroyRequest(String playbackId) {
		return Map.of("request", "destroy", "id", playbackId, "secret", mountpointSecret(playbackId), "permanent", false);
	}

	private String mountpointSecret(String playbackId) {
		return secret.derived("janus-mountpoint:" + playbackId);
	}

	private <T> T inSession(Function<String, T> work) {
		String session = janus.session();
		try {
			return work.apply(janus.attach(session, "janus.plugin.streaming"));
		}
		finally {
			janus.destroy(session);
		}
	}

	/** One request to the plugin; its answer's data, or a failure unless it only says the mountpoint is gone. */
	private JsonNode send(String handle, Map<String, Object> body, boolean goneIsFine) {
		JsonNode data = janus.message(handle, body);
		return goneIsFine && data.path("error_code").asInt() == NO_SUCH_MOUNTPOINT ? data
				: JanusHttp.accepted(data, body.get("request"));
	}
}
