package io.livepulse.sales;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

@RestController
class AuctionController {

	private final AuctionService auctions;

	AuctionController(AuctionService auctions) {
		this.auctions = auctions;
	}

	@PostMapping("/api/streams/{id}/auctions")
	ResponseEntity<AuctionView> create(@PathVariable long id, Caller caller, @Valid @RequestBody NewAuction request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(auctions.create(id, caller, request));
	}

	@GetMapping("/api/streams/{id}/auctions")
	List<AuctionView> ofStream(@PathVariable long id, Optional<Caller> caller) {
		return auctions.ofStream(id, caller);
	}

	@GetMapping("/api/auctions/{id}")
	AuctionView get(@PathVariable long id, Optional<Caller> caller) {
		return auctions.get(id, caller);
	}

	/** The accepted bids in order, {@value AuctionService#BIDS_PAGE} at a time: {@code after} the last seq seen. */
	@GetMapping("/api/auctions/{id}/bids")
	List<AuctionBid> bids(@PathVariable long id, @RequestParam(defaultValue = "0") @Min(0) int after,
			Optional<Caller> caller) {
		return auctions.bids(id, after, caller);
	}

	@PostMapping("/api/auctions/{id}/stop")
	AuctionView stop(@PathVariable long id, Caller caller) {
		return auctions.stop(id, caller);
	}

	@PostMapping("/api/auctions/{id}/bids")
	ResponseEntity<BidResult> bid(@PathVariable long id, Caller caller, @Valid @RequestBody BidRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(auctions.bid(id, caller, request));
	}
}
