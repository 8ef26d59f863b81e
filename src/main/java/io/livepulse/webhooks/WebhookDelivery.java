package io.livepulse.webhooks;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One event for one endpoint, as the delivery log shows it: PENDING (sent on {@code nextAttemptAt}), SUCCEEDED
 * (a 2xx) or FAILED (every attempt failed, or the endpoint answered 410); its last attempt's answer.
 */
record WebhookDelivery(String id, long endpointId, String type, String status, int attempts, Instant nextAttemptAt,
		@Nullable Instant lastAttemptAt, @Nullable Integer lastStatus, @Nullable String lastError,
		@Nullable Integer lastDurationMs, Instant createdAt) {
}
