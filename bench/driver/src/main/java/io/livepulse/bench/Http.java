package io.livepulse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tiny HTTP helpers for the driver; JSON fields are read with a regex to keep the driver dependency-free. */
final class Http {

	static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1).build();

	private Http() {
	}

	static HttpResponse<String> post(String url, String token, String json) throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		builder.header("Content-Type", "application/json");
		builder.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> put(String url, String token, String json) throws IOException, InterruptedException {
		return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return CLIENT.send(builder.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Tokens of {@code users} viewers named prefix + 0, 1, ...: asked for eight at a time. */
	static List<String> viewerTokens(String base, String prefix, int users) throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < users; i++) {
				String user = prefix + i;
				futures.add(pool.submit(() -> token(base, user, "VIEWER", null)));
			}
			List<String> tokens = new ArrayList<>();
			for (Future<String> future : futures) {
				tokens.add(future.get());
			}
			return tokens;
		}
	}

	static String token(String base, String user, String role, Long vendorId) throws IOException, InterruptedException {
		String body = vendorId == null ? "{\"user\":\"%s\",\"role\":\"%s\"}".formatted(user, role)
				: "{\"user\":\"%s\",\"role\":\"%s\",\"vendorId\":%d}".formatted(user, role, vendorId);
		HttpResponse<String> response = post(base + "/api/dev/token", null, body);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("dev token refused (is the service in the dev profile?): " + response.body());
		}
		return field(response.body(), "token");
	}

	static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|[-0-9.]+|true|false)")
			.matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("no field " + name + " in " + json);
		}
		return matcher.group(2) != null ? matcher.group(2) : matcher.group(1);
	}
}
