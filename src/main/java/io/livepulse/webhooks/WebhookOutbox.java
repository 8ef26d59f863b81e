package io.livepulse.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.livepulse.engagement.ProductPurchase;
import io.livepulse.shopping.PinChanged;
import io.livepulse.stream.StreamEnded;
import io.livepulse.stream.StreamMode;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStarted;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each event the endpoints asked for into the outbox, one row per endpoint, synchronously in the publisher's
 * thread: inside its transaction where it has one (the row commits or rolls back with the change), else right after
 * it. Nothing is sent here. Rehearsals are practice and tell no shop anything.
 */
@Component
class WebhookOutbox {

	private final WebhookEndpointRepository endpoints;
	private final WebhookDeliveryRepository deliveries;
	private final StreamService streams;
	private final JsonMapper json;
	private final Clock clock;

	WebhookOutbox(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries, StreamService streams,
			JsonMapper json, Clock clock) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.streams = streams;
		this.json = json;
		this.clock = clock;
	}

	@EventListener
	void on(StreamStarted started) {
		if (started.mode() != StreamMode.REHEARSAL) {
			write(WebhookEventType.STREAM_LIVE, started.vendorId(), "stream.live:" + started.streamId(),
					data("streamId", started.streamId(), "startedAt", started.startedAt()));
		}
	}

	@EventListener
	void on(StreamEnded ended) {
		if (ended.mode() != StreamMode.REHEARSAL) {
			write(WebhookEventType.STREAM_ENDED, ended.vendorId(), "stream.ended:" + ended.streamId(),
					data("streamId", ended.streamId(), "endedAt", ended.endedAt(), "finalMetrics", ended.finalMetrics()));
		}
	}

	@EventListener
	void on(PinChanged changed) {
		streams.find(changed.streamId()).filter(stream -> !stream.isRehearsal()).ifPresent(stream -> write(
				WebhookEventType.PRODUCT_PINNED, stream.vendorId(), "product.pinned:" + changed.streamId() + ":" + changed.at(),
				data("streamId", changed.streamId(), "product", changed.pinned(), "at", changed.at())));
	}

	@EventListener
	void on(ProductPurchase purchase) {
		streams.find(purchase.streamId()).filter(stream -> !stream.isRehearsal()).ifPresent(stream -> write(
				WebhookEventType.ORDER_ATTRIBUTED, stream.vendorId(), "order.attributed:" + purchase.streamId() + ":" + purchase.orderId(),
				data("streamId", purchase.streamId(), "orderId", purchase.orderId(), "productId", purchase.productId(),
						"quantity", purchase.quantity(), "amountMinor", purchase.amountMinor(), "currency", purchase.currency(),
						"at", purchase.at())));
	}

	/** A test event for one endpoint (its "send test event"): the delivery's id. */
	String test(WebhookEndpoint endpoint) {
		String id = newId();
		deliveries.insert(id, endpoint.id(), WebhookEventType.WEBHOOK_TEST, "webhook.test:" + id,
				body(WebhookEventType.WEBHOOK_TEST, data("endpointId", endpoint.id()), clock.instant()), clock.instant());
		return id;
	}

	private void write(WebhookEventType type, long vendorId, String eventKey, Map<String, Object> data) {
		Instant now = clock.instant();
		String body = null;
		for (WebhookEndpoint endpoint : endpoints.listeningTo(vendorId)) {
			if (endpoint.wants(type, vendorId)) {
				body = body == null ? body(type, data, now) : body;
				deliveries.insert(newId(), endpoint.id(), type, eventKey, body, now);
			}
		}
	}

	private String body(WebhookEventType type, Map<String, Object> data, Instant now) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.wireName());
		body.put("timestamp", now.toString());
		body.put("data", data);
		return json.writeValueAsString(body);
	}

	private static Map<String, Object> data(Object... pairs) {
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
