package io.livepulse.engagement;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Caller;
import io.livepulse.shared.HotRoute;
import jakarta.validation.Valid;

@RestController
class InteractionController {

	private final InteractionService interactions;

	InteractionController(InteractionService interactions) {
		this.interactions = interactions;
	}

	@PostMapping(HotRoute.LIKES_PATH)
	LikeResult like(@PathVariable long id, Caller caller) {
		return interactions.like(id, caller);
	}

	@PostMapping("/api/streams/{id}/purchases")
	ResponseEntity<PurchaseResult> purchase(@PathVariable long id, @Valid @RequestBody Purchase purchase, Caller shop) {
		PurchaseResult result = interactions.purchase(id, purchase, shop);
		return ResponseEntity.status(result.recorded() ? HttpStatus.CREATED : HttpStatus.OK).body(result);
	}

	@GetMapping("/api/admin/reconciliation")
	ReconciliationReport reconciliation() {
		return interactions.reconcile();
	}
}
