package io.livepulse.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.livepulse.security.Caller;
import io.livepulse.security.Role;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.TokenBuckets;
import io.livepulse.webhooks.WebhookRequests.Created;
import io.livepulse.webhooks.WebhookRequests.NewWebhook;
import io.livepulse.webhooks.WebhookRequests.Queued;
import io.livepulse.webhooks.WebhookRequests.Redelivered;
import io.livepulse.webhooks.WebhookRequests.Rotated;
import io.livepulse.webhooks.WebhookRequests.WebhookChange;
import io.livepulse.webhooks.WebhookRequests.WebhookView;

/**
 * Registering and managing endpoints. A seller's endpoints hear of their own streams; an admin's of every stream.
 * A seller manages their vendor's endpoints, an admin every endpoint; anyone else gets the unknown-id 404.
 */
@Service
class WebhookService {

	private static final Logger log = LoggerFactory.getLogger(WebhookService.class);
	private static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
	private static final int LOGGED = 100;
	// a test event is a row in the outbox: a button, not a way to fill the table or flood the endpoint
	private static final int TEST_BURST = 5;
	private static final double TEST_PER_SECOND = 0.5;

	private final WebhookEndpointRepository endpoints;
	private final WebhookDeliveryRepository deliveries;
	private final WebhookOutbox outbox;
	private final WebhookTargets targets;
	private final WebhookProperties properties;
	private final Clock clock;
	private final TokenBuckets testEvents = new TokenBuckets(10_000, Duration.ofMinutes(1));

	WebhookService(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries, WebhookOutbox outbox,
			WebhookTargets targets, WebhookProperties properties, Clock clock) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.outbox = outbox;
		this.targets = targets;
		this.properties = properties;
		this.clock = clock;
	}

	Created register(Caller caller, NewWebhook request) {
		Long vendorId = owner(caller);
		Set<WebhookEventType> events = types(request.events());
		String url = targets.check(request.url()).toString();
		if (endpoints.count(vendorId) >= properties.maxEndpoints()) {
			throw ApiProblem.conflict("At most %d endpoints; delete one first.".formatted(properties.maxEndpoints()));
		}
		String secret = WebhookSignatures.newSecret();
		Instant now = clock.instant();
		long id = endpoints.insert(caller.userId(), vendorId, url, events, secret, now);
		log.info("Webhook endpoint {} registered by {} for {}", id, caller.userId(), names(events));
		return new Created(id, url, names(events), true, secret, now);
	}

	List<WebhookView> list(Caller caller) {
		return (caller.isAdmin() ? endpoints.all() : endpoints.ownedBy(owner(caller))).stream().map(WebhookView::of).toList();
	}

	WebhookView change(long id, Caller caller, WebhookChange change) {
		WebhookEndpoint endpoint = managed(id, caller);
		String url = change.url() == null ? endpoint.url() : targets.check(change.url()).toString();
		Set<WebhookEventType> events = change.events() == null ? endpoint.events() : types(change.events());
		boolean enabled = change.enabled() == null ? endpoint.enabled() : change.enabled();
		endpoints.update(id, url, events, enabled, clock.instant());
		return WebhookView.of(endpoints.find(id).orElseThrow());
	}

	void delete(long id, Caller caller) {
		managed(id, caller);
		endpoints.delete(id);
		log.info("Webhook endpoint {} deleted by {}", id, caller.userId());
	}

	Rotated rotate(long id, Caller caller) {
		managed(id, caller);
		String secret = WebhookSignatures.newSecret();
		Instant now = clock.instant();
		endpoints.rotate(id, secret, now.plus(ROTATION_OVERLAP), now);
		log.info("Webhook endpoint {}'s secret rotated by {}", id, caller.userId());
		return new Rotated(id, secret, now.plus(ROTATION_OVERLAP));
	}

	List<WebhookDelivery> deliveries(long id, Caller caller) {
		managed(id, caller);
		return deliveries.ofEndpoint(id, LOGGED);
	}

	Queued redeliver(long id, String deliveryId, Caller caller) {
		managed(id, caller);
		WebhookDelivery delivery = deliveries.find(deliveryId).filter(found -> found.endpointId() == id)
			.orElseThrow(() -> ApiProblem.notFound("No such delivery."));
		deliveries.redeliver(delivery.id(), clock.instant());
		return new Queued(delivery.id());
	}

	Redelivered redeliverFailed(long id, Caller caller) {
		managed(id, caller);
		return new Redelivered(deliveries.redeliverFailed(id, clock.instant()));
	}

	Queued test(long id, Caller caller) {
		WebhookEndpoint endpoint = managed(id, caller);
		if (!endpoint.enabled()) {
			throw ApiProblem.conflict("Endpoint %d is disabled; enable it first.".formatted(id));
		}
		if (!testEvents.tryAcquire(String.valueOf(id), TEST_BURST, TEST_PER_SECOND, System.nanoTime())) {
			throw ApiProblem.tooManyRequests("At most %d test events at once and one every %d s per endpoint."
				.formatted(TEST_BURST, Math.round(1 / TEST_PER_SECOND)));
		}
		return new Queued(outbox.test(endpoint));
	}

	/** The vendor whose streams the caller's endpoints hear of (null: an admin's, every stream). */
	private static @Nullable Long owner(Caller caller) {
		if (caller.isAdmin()) {
			return null;
		}
		if (caller.has(Role.SELLER) && caller.vendorId() != null) {
			return caller.vendorId();
		}
		throw ApiProblem.forbidden("Webhooks are for sellers and admins.");
	}

	private WebhookEndpoint managed(long id, Caller caller) {
		Long vendorId = owner(caller);
		return endpoints.find(id).filter(endpoint -> caller.isAdmin() || vendorId.equals(endpoint.vendorId()))
			.orElseThrow(() -> ApiProblem.notFound("No such webhook endpoint."));
	}

	private static Set<WebhookEventType> types(List<String> names) {
		Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
		for (String name : names) {
			types.add(WebhookEventType.named(name).filter(type -> type != WebhookEventType.WEBHOOK_TEST)
				.orElseThrow(() -> ApiProblem.unprocessable("Unknown event '%s'; known: %s.".formatted(name,
						EnumSet.complementOf(EnumSet.of(WebhookEventType.WEBHOOK_TEST)).stream()
							.map(WebhookEventType::wireName).collect(Collectors.joining(", "))))));
		}
		return types;
	}

	static Set<String> names(Set<WebhookEventType> types) {
		return types.stream().map(WebhookEventType::wireName).collect(Collectors.toCollection(TreeSet::new));
	}
}
