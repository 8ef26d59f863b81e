package io.livepulse.webhooks;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** A registered endpoint: whose (a seller's vendor, or null: the admins', every stream), where, for what. */
record WebhookEndpoint(long id, String ownerUserId, @Nullable Long vendorId, String url, Set<WebhookEventType> events,
		String secret, @Nullable String previousSecret, @Nullable Instant previousUntil, boolean enabled,
		@Nullable String disabledReason, Instant createdAt) {

	boolean wants(WebhookEventType type, long streamVendorId) {
		return enabled && (events.contains(type) || type == WebhookEventType.WEBHOOK_TEST)
				&& (vendorId == null || vendorId == streamVendorId);
	}

	/** The signatures an attempt carries: the current secret's, and the previous one's while it still signs. */
	String signatures(String id, long timestampSeconds, String body, Instant now) {
		String current = WebhookSignatures.sign(secret, id, timestampSeconds, body);
		return previousSecret != null && previousUntil != null && now.isBefore(previousUntil)
				? current + " " + WebhookSignatures.sign(previousSecret, id, timestampSeconds, body) : current;
	}
}
