package io.livepulse.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.livepulse.shared.ApiProblem;

/**
 * One attempt of one delivery: the target checked again (its name may point elsewhere now), then a POST with the
 * Standard Webhooks headers, no redirect followed, at most {@code timeout}, at most {@code max-response-bytes} of the
 * answer read. The secret appears in no log and no header (only the signature does).
 */
@Component
class WebhookSender {

	static final String USER_AGENT = "LivePulse-Webhooks/1";
	private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().daemon().name("webhook-deadlines").factory());

	/** What an attempt got: the HTTP status (null when none came), {@code Retry-After} in seconds, an error. */
	record Outcome(@Nullable Integer status, @Nullable Long retryAfterSeconds, @Nullable String error, int durationMs) {

		boolean succeeded() {
			return status != null && status >= 200 && status < 300;
		}
	}

	private final WebhookTargets targets;
	private final WebhookProperties properties;
	private final Clock clock;
	private final HttpClient http;

	WebhookSender(WebhookTargets targets, WebhookProperties properties, Clock clock) {
		this.targets = targets;
		this.properties = properties;
		this.clock = clock;
		this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(properties.timeout())
			.build();
	}

	Outcome send(WebhookEndpoint endpoint, String deliveryId, String body) {
		long started = System.nanoTime();
		try {
			URI target = URI.create(endpoint.url());
			targets.requirePublic(target);
			Instant now = clock.instant();
			long timestamp = now.getEpochSecond();
			HttpRequest request = HttpRequest.newBuilder(target).timeout(properties.timeout())
				.header("Content-Type", "application/json").header("User-Agent", USER_AGENT).header("webhook-id", deliveryId)
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", endpoint.signatures(deliveryId, timestamp, body, now))
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
			HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			// the request's timeout ends with the answer's head: an endpoint trickling its body is cut at the same deadline
			long left = properties.timeout().toNanos() - (System.nanoTime() - started);
			try (InputStream answer = response.body()) {
				ScheduledFuture<?> cut = DEADLINES.schedule(() -> closeQuietly(answer), Math.max(0, left), TimeUnit.NANOSECONDS);
				try {
					answer.readNBytes(properties.maxResponseBytes());
				}
				finally {
					cut.cancel(false);
				}
			}
			return new Outcome(response.statusCode(), retryAfter(response), null, millisSince(started));
		}
		catch (ApiProblem refused) {
			return new Outcome(null, null, refused.getBody().getDetail(), millisSince(started));
		}
		catch (IOException | IllegalArgumentException failed) {
			return new Outcome(null, null, failed.getClass().getSimpleName() + ": " + failed.getMessage(), millisSince(started));
		}
		catch (InterruptedException stopping) {
			Thread.currentThread().interrupt();
			return new Outcome(null, null, "interrupted while sending", millisSince(started));
		}
	}

	private static void closeQuietly(InputStream answer) {
		try {
			answer.close();
		}
		catch (IOException ignored) {
			// closing is all that was asked
		}
	}

	private static @Nullable Long retryAfter(HttpResponse<?> response) {
		return response.headers().firstValue("Retry-After").filter(value -> value.matches("\\d{1,6}")).map(Long::valueOf)
			.orElse(null);
	}

	private static int millisSince(long started) {
		return (int) ((System.nanoTime() - started) / 1_000_000);
	}
}
