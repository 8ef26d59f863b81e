package io.livepulse.sales;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
class GiveawayController {

	private final GiveawayService giveaways;

	GiveawayController(GiveawayService giveaways) {
		this.giveaways = giveaways;
	}

	@PostMapping("/api/streams/{id}/giveaways")
	ResponseEntity<GiveawayView> open(@PathVariable long id, Caller caller, @Valid @RequestBody NewGiveaway request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(giveaways.open(id, caller, request));
	}

	@GetMapping("/api/streams/{id}/giveaways")
	List<GiveawayView> ofStream(@PathVariable long id, Optional<Caller> caller) {
		return giveaways.ofStream(id, caller);
	}

	@GetMapping("/api/giveaways/{id}")
	GiveawayView get(@PathVariable long id, Optional<Caller> caller) {
		return giveaways.get(id, caller);
	}

	@PostMapping("/api/giveaways/{id}/exclusions")
	GiveawayView exclude(@PathVariable long id, Caller caller, @Valid @RequestBody Exclusion exclusion) {
		return giveaways.exclude(id, caller, exclusion.userId());
	}

	/** The person to exclude from a giveaway, by user id (as the chat's moderation shows it). */
	record Exclusion(@NotBlank @Size(max = 64) String userId) {
	}

	@PostMapping("/api/giveaways/{id}/entries")
	ResponseEntity<GiveawayEntry> enter(@PathVariable long id, Caller caller) {
		return ResponseEntity.status(HttpStatus.CREATED).body(giveaways.enter(id, caller));
	}
}
