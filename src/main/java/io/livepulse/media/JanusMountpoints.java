package io.livepulse.media;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final MediaProperties properties;
	private final HookSecret secret;
	private final JsonMapper json;

	JanusMountpoints(MediaProperties properties, HookSecret secret, JsonMapper json) {
		this.properties = properties;
		this.secret = secret;
		this.json = json;
	}

	/** Where ffmpeg sends the stream's RTP on Janus's host. */
	record FeedPorts(int video, int audio) {
	}

	/** Janus could not be reached or refused: the stream plays over HLS only. */
	static class Unavailable extends RuntimeException {

		Unavailable(String message, Throwable cause) {
			super(message, cause);
		}
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
				throw new Unavailable("Janus created the mountpoint without its ports", null);
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
		String base = properties.webrtc().janusUrl();
		String session = base + "/" + post(base, Map.of("janus", "create")).path("data").path("id").asLong();
		try {
			String handle = session + "/"
					+ post(session, Map.of("janus", "attach", "plugin", "janus.plugin.streaming")).path("data").path("id").asLong();
			return work.apply(handle);
		}
		finally {
			try {
				post(session, Map.of("janus", "destroy"));
			}
			catch (Unavailable ignored) {
				// Janus forgets an idle session by itself after its session timeout
			}
		}
	}

	/** One request to the plugin; its answer's data, or a failure unless it only says the mountpoint is gone. */
	private JsonNode send(String handle, Map<String, Object> body, boolean goneIsFine) {
		JsonNode data = post(handle, Map.of("janus", "message", "body", body)).path("plugindata").path("data");
		if (data.has("error_code") && !(goneIsFine && data.path("error_code").asInt() == NO_SUCH_MOUNTPOINT)) {
			throw new Unavailable("Janus refused '" + body.get("request") + "': " + data.path("error").asString(), null);
		}
		return data;
	}

	private JsonNode post(String url, Map<String, Object> message) {
		Map<String, Object> body = new LinkedHashMap<>(message);
		body.put("transaction", UUID.randomUUID().toString());
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(3))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode answer = json.readTree(response.body());
			if (response.statusCode() != 200 || "error".equals(answer.path("janus").asString())) {
				throw new Unavailable("Janus answered " + response.statusCode() + ": "
						+ answer.path("error").path("reason").asString(""), null);
			}
			return answer;
		}
		catch (JacksonException notJanus) {
			throw new Unavailable("Janus's answer was not JSON", notJanus);
		}
		catch (IOException failed) {
			throw new Unavailable("Janus could not be reached (" + failed.getClass().getSimpleName() + ")", failed);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new Unavailable("Interrupted while calling Janus", interrupted);
		}
	}
}
