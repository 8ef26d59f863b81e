package io.livepulse.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.shared.AfterCommit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an event into the outbox, one row per endpoint that asked for it, in the caller's thread: inside its
 * transaction where it has one (the row commits or rolls back with the change), else right after it. Nothing is
 * sent here ({@link WebhookDispatcher} does).
 */
@Component
class WebhookOutbox {

	private final WebhookEndpointRepository endpoints;
	private final WebhookDeliveryRepository deliveries;
	private final JsonMapper json;
	private final Clock clock;
	private final WebhookDispatcher dispatcher;
	private final TransactionTemplate savepoint;

	WebhookOutbox(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries, JsonMapper json, Clock clock,
			WebhookDispatcher dispatcher, PlatformTransactionManager transactionManager) {
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.json = json;
		this.clock = clock;
		this.dispatcher = dispatcher;
	}

	/** A test event for one endpoint (its "send test event"): the delivery's id. */
	String test(WebhookEndpoint endpoint) {
		String id = newId();
		deliveries.insert(id, endpoint.id(), WebhookEventType.WEBHOOK_TEST, "webhook.test:" + id,
				body(WebhookEventType.WEBHOOK_TEST, data("endpointId", endpoint.id()), clock.instant()), clock.instant());
		AfterCommit.run(dispatcher::wake);
		return id;
	}

	/** The event, for every enabled endpoint of the vendor (and the admins') that asked for its type. */
	void write(WebhookEventType type, long vendorId, String eventKey, Map<String, Object> data) {
		Instant now = clock.instant();
		String body = null;
		boolean written = false;
		for (WebhookEndpoint endpoint : endpoints.listeningTo(vendorId)) {
			if (endpoint.wants(type, vendorId)) {
				body = body == null ? body(type, data, now) : body;
				written |= insertUnlessGone(endpoint.id(), type, eventKey, body, now);
			}
		}
		if (written) {
			AfterCommit.run(dispatcher::wake);
		}
	}

	/**
	 * The row, in a savepoint of the caller's transaction: an endpoint deleted since it was listed makes the insert
	 * fail, and that must not fail (nor, on PostgreSQL, abort) the change it rides with (a purchase, a sale's end).
	 */
	private boolean insertUnlessGone(long endpointId, WebhookEventType type, String eventKey, String body, Instant now) {
		try {
			return Boolean.TRUE.equals(savepoint.execute(status -> deliveries.insert(newId(), endpointId, type, eventKey,
					body, now)));
		}
		catch (DataIntegrityViolationException endpointGone) {
			return false;
		}
	}

	private String body(WebhookEventType type, Map<String, Object> data, Instant now) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.wireName());
		body.put("timestamp", now.toString());
		body.put("data", data);
		return json.writeValueAsString(body);
	}

	static Map<String, Object> data(Object... pairs) {
		Map<String, Object> data = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			data.put((String) pairs[i], pairs[i + 1]);
		}
		return data;
	}

	private static String newId() {
		return "msg_" + UUID.randomUUID().toString().replace("-", "");
	}
}
