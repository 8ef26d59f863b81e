package io.livepulse.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: talks to the running service exactly like an outside caller. */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public ApiClient(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	public String baseUrl() {
		return baseUrl;
	}

	public String token(String user, String role, Long vendorId) {
		String body = vendorId == null ? "{\"user\":\"%s\",\"role\":\"%s\"}".formatted(user, role)
				: "{\"user\":\"%s\",\"role\":\"%s\",\"vendorId\":%d}".formatted(user, role, vendorId);
		Response response = post("/api/dev/token", null, body);
		if (response.status() != 200) {
			throw new IllegalStateException("token request failed: " + response);
		}
		return response.json().get("token").asString();
	}

	/** Creates a stream of the given mode (LIVE or REHEARSAL) as the seller and starts it; its id. */
	public long startedStream(String sellerToken, String title, String mode) {
		String json = title.replace("\\", "\\\\").replace("\"", "\\\"");
		String body = "{\"title\":\"%s\",\"mode\":\"%s\"}".formatted(json, mode);
		Response created = post("/api/streams", sellerToken, body);
		if (created.status() != 201) {
			throw new IllegalStateException("creating a stream failed: " + created);
		}
		long id = created.json().get("id").asLong();
		Response started = post("/api/streams/" + id + "/start", sellerToken, null);
		if (started.status() != 200) {
			throw new IllegalStateException("starting stream " + id + " failed: " + started);
		}
		return id;
	}

	public long liveStream(String sellerToken, String title) {
		return startedStream(sellerToken, title, "LIVE");
	}

	public Response get(String path, String token) {
		return send(request(path, token, Map.of()).GET());
	}

	public Response get(String path, String token, Map<String, String> headers) {
		return send(request(path, token, headers).GET());
	}

	public Response post(String path, String token, String jsonBody) {
		return post(path, token, jsonBody, Map.of());
	}

	public Response post(String path, String token, String jsonBody, Map<String, String> headers) {
		HttpRequest.Builder builder = request(path, token, headers);
		if (jsonBody == null) {
			builder.POST(HttpRequest.BodyPublishers.noBody());
		}
		else {
			builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody));
		}
		return send(builder);
	}

	public Response put(String path, String token, String jsonBody) {
		return send(request(path, token, Map.of()).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
	}

	public Response postForm(String path, String formBody) {
		return send(request(path, null, Map.of()).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formBody)));
	}

	private HttpRequest.Builder request(String path, String token, Map<String, String> headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		headers.forEach(builder::header);
		return builder;
	}

	private Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String contentType, String body, Map<String, java.util.List<String>> headers) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public boolean isProblem() {
			return contentType.startsWith("application/problem+json");
		}

		public String header(String name) {
			return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
				.flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
		}
	}
}
