package io.livepulse.webhooks;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Caller;
import io.livepulse.webhooks.WebhookRequests.Created;
import io.livepulse.webhooks.WebhookRequests.NewWebhook;
import io.livepulse.webhooks.WebhookRequests.Queued;
import io.livepulse.webhooks.WebhookRequests.Redelivered;
import io.livepulse.webhooks.WebhookRequests.Rotated;
import io.livepulse.webhooks.WebhookRequests.WebhookChange;
import io.livepulse.webhooks.WebhookRequests.WebhookView;
import jakarta.validation.Valid;

@RestController
class WebhookController {

	private final WebhookService webhooks;

	WebhookController(WebhookService webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping("/api/webhooks")
	ResponseEntity<Created> register(Caller caller, @Valid @RequestBody NewWebhook request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(webhooks.register(caller, request));
	}

	@GetMapping("/api/webhooks")
	List<WebhookView> list(Caller caller) {
		return webhooks.list(caller);
	}

	@PatchMapping("/api/webhooks/{id}")
	WebhookView change(@PathVariable long id, Caller caller, @Valid @RequestBody WebhookChange change) {
		return webhooks.change(id, caller, change);
	}

	@DeleteMapping("/api/webhooks/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, Caller caller) {
		webhooks.delete(id, caller);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/webhooks/{id}/rotate")
	Rotated rotate(@PathVariable long id, Caller caller) {
		return webhooks.rotate(id, caller);
	}

	@GetMapping("/api/webhooks/{id}/deliveries")
	List<WebhookDelivery> deliveries(@PathVariable long id, Caller caller) {
		return webhooks.deliveries(id, caller);
	}

	@PostMapping("/api/webhooks/{id}/deliveries/{deliveryId}/redeliver")
	ResponseEntity<Queued> redeliver(@PathVariable long id, @PathVariable String deliveryId, Caller caller) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(webhooks.redeliver(id, deliveryId, caller));
	}

	@PostMapping("/api/webhooks/{id}/redeliver-failed")
	ResponseEntity<Redelivered> redeliverFailed(@PathVariable long id, Caller caller) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(webhooks.redeliverFailed(id, caller));
	}

	@PostMapping("/api/webhooks/{id}/test")
	ResponseEntity<Queued> test(@PathVariable long id, Caller caller) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(webhooks.test(id, caller));
	}
}
