package io.livepulse.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: talks to the running service exactly like an outside caller. */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;
	private final HttpClient http;

	public ApiClient(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	/** A client whose connections come from {@code localAddress} (another loopback address, as a proxy would). */
	public ApiClient(int port, java.net.InetAddress localAddress) {
		this.baseUrl = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).localAddress(localAddress).build();
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

	/**
	 * A device cookie the service issued ({@code lp_device=...}), taken from a first heartbeat on
	 * the stream, which itself is not counted.
	 */
	public String viewerCookie(long streamId) {
		Response first = post("/api/streams/" + streamId + "/heartbeat", null, null);
		String issued = first.header("Set-Cookie");
		if (first.status() != 200 || issued == null || !issued.startsWith("lp_device=")) {
			throw new IllegalStateException("no device cookie was issued: " + first);
		}
		return issued.split(";")[0];
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

	/**
	 * {@code times} bodiless POSTs released together from as many threads: a burst that a per-second limit must
	 * catch even when a loaded machine answers each one slowly (sent one after another, they could all fit the
	 * refill).
	 */
	public List<Response> postAtOnce(String path, String token, int times) {
		return postAtOnce(path, token, times, i -> null);
	}

	/** As {@link #postAtOnce(String, String, int)}, the i-th request carrying the JSON body {@code body.apply(i)}. */
	public List<Response> postAtOnce(String path, String token, int times, java.util.function.IntFunction<String> body) {
		return AtOnce.call(times, i -> post(path, token, body.apply(i)));
	}

	public Response put(String path, String token, String jsonBody) {
		return send(request(path, token, Map.of()).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
	}

	public Response patch(String path, String token, String jsonBody) {
		return exchange("PATCH", path, token, jsonBody, "application/json", Map.of());
	}

	public Response delete(String path, String token) {
		return exchange("DELETE", path, token, null, null, Map.of());
	}

	public Response postForm(String path, String formBody) {
		return send(request(path, null, Map.of()).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formBody)));
	}

	/**
	 * Any method and path, sent as-is: the body (when not null) goes out under {@code contentType}
	 * (none when that is null), so tests can send malformed or mislabelled bodies.
	 */
	public Response exchange(String method, String path, String token, String body, String contentType,
			Map<String, String> headers) {
		HttpRequest.Builder builder = request(path, token, headers);
		if (contentType != null) {
			builder.header("Content-Type", contentType);
		}
		builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8));
		return send(builder);
	}

	/** Like {@link #exchange} but the body goes out chunked (no Content-Length), as a streaming client sends it. */
	public Response exchangeChunked(String method, String path, String token, byte[] body, String contentType) {
		HttpRequest.Builder builder = request(path, token, Map.of()).header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
		return send(builder);
	}

	/**
	 * Opens an event stream (or whatever the path answers) and closes it as soon as the status and
	 * headers are in: the body is read only when it is not an event stream, so no test waits for events.
	 */
	public Response statusOfEventStream(String path, Map<String, String> headers) {
		java.net.HttpURLConnection connection = null;
		try {
			connection = (java.net.HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
			connection.setConnectTimeout(5_000);
			connection.setReadTimeout(10_000);
			connection.setRequestProperty("Accept", "text/event-stream");
			headers.forEach(connection::setRequestProperty);
			int status = connection.getResponseCode();
			String contentType = connection.getContentType() == null ? "" : connection.getContentType();
			String body = "";
			if (!contentType.startsWith("text/event-stream")) {
				java.io.InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
				if (stream != null) {
					try (stream) {
						body = new String(stream.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
					}
				}
			}
			Map<String, java.util.List<String>> responseHeaders = new java.util.HashMap<>();
			connection.getHeaderFields().forEach((name, values) -> {
				if (name != null) {
					responseHeaders.put(name, values);
				}
			});
			return new Response(status, contentType, body, responseHeaders);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			if (connection != null) {
				connection.disconnect();
			}
		}
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
