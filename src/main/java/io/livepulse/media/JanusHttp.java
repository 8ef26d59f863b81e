package io.livepulse.media;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Janus's HTTP API as LivePulse calls it: sessions, plugin handles, plugin requests and a session's next event. */
@Component
class JanusHttp {

	/** Janus could not be reached or refused. */
	static class Unavailable extends RuntimeException {

		Unavailable(String message, Throwable cause) {
			super(message, cause);
		}
	}

	/** A plugin's answer {@code data}, or Unavailable when it says Janus refused {@code request}. */
	static JsonNode accepted(JsonNode data, Object request) {
		if (data.has("error_code")) {
			throw new Unavailable("Janus refused '" + request + "': " + data.path("error").asString(), null);
		}
		return data;
	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final MediaProperties properties;
	private final JsonMapper json;

	JanusHttp(MediaProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
	}

	/** A new session's URL. */
	String session() {
		String base = properties.webrtc().janusUrl();
		return base + "/" + post(base, Map.of("janus", "create")).path("data").path("id").asLong();
	}

	/** A handle of the plugin in the session: its URL. */
	String attach(String session, String plugin) {
		return session + "/" + post(session, Map.of("janus", "attach", "plugin", plugin)).path("data").path("id").asLong();
	}

	void destroy(String session) {
		try {
			post(session, Map.of("janus", "destroy"));
		}
		catch (Unavailable ignored) {
			// Janus forgets an idle session by itself after its session timeout
		}
	}

	void keepAlive(String session) {
		post(session, Map.of("janus", "keepalive"));
	}

	/** One synchronous request to the handle's plugin: the plugin's answer data (an error is the caller's to judge). */
	JsonNode message(String handle, Map<String, Object> body) {
		return post(handle, Map.of("janus", "message", "body", body)).path("plugindata").path("data");
	}

	/**
	 * One asynchronous request with an SDP (Janus acknowledges it, then answers with an event): the event, fetched
	 * from the session within {@code wait}.
	 */
	JsonNode messageWithSdp(String session, String handle, Map<String, Object> body, String type, String sdp, Duration wait) {
		post(handle, Map.of("janus", "message", "body", body, "jsep", Map.of("type", type, "sdp", sdp)));
		long deadline = System.nanoTime() + wait.toNanos();
		for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
			// Janus holds a poll up to 30 s when it has nothing: never past the caller's wait
			JsonNode event = get(session + "?maxev=1", Duration.ofNanos(left));
			if ("event".equals(event.path("janus").asString()) && event.has("plugindata")) {
				return event;
			}
		}
		throw new Unavailable("Janus did not answer in " + wait.toSeconds() + " s", null);
	}

	private JsonNode get(String url, Duration timeout) {
		return call(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
	}

	private JsonNode post(String url, Map<String, Object> message) {
		Map<String, Object> body = new LinkedHashMap<>(message);
		body.put("transaction", UUID.randomUUID().toString());
		return call(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build());
	}

	private JsonNode call(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
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
