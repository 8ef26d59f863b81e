package io.livepulse.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** The webhook API's bodies and answers. */
final class WebhookRequests {

	private WebhookRequests() {
	}

	/** An endpoint to register: an https URL and the event types it wants ({@code stream.live}, ...). */
	record NewWebhook(@NotBlank @Size(max = 2048) String url, @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 40) String> events) {
	}

	/** A change to an endpoint; absent fields stay as they are. */
	record WebhookChange(@Nullable @Size(max = 2048) String url, @Nullable @Size(min = 1, max = 10) List<@NotBlank @Size(max = 40) String> events,
			@Nullable Boolean enabled) {
	}

	/** An endpoint as its owner sees it; the secret never (only {@link Created} and {@link Rotated} carry it, once). */
	record WebhookView(long id, String url, Set<String> events, boolean enabled, @Nullable String disabledReason,
			@Nullable Long vendorId, Instant createdAt) {

		static WebhookView of(WebhookEndpoint endpoint) {
			return new WebhookView(endpoint.id(), endpoint.url(), WebhookService.names(endpoint.events()), endpoint.enabled(),
					endpoint.disabledReason(), endpoint.vendorId(), endpoint.createdAt());
		}
	}

	/** A new endpoint with its secret, shown here only: keep it to verify the signatures. */
	record Created(long id, String url, Set<String> events, boolean enabled, String secret, Instant createdAt) {
	}

	/** A new secret; the previous one keeps signing beside it until {@code previousSecretValidUntil}. */
	record Rotated(long id, String secret, Instant previousSecretValidUntil) {
	}

	record Queued(String deliveryId) {
	}

	record Redelivered(int deliveries) {
	}
}
