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

@RestController
class FlashSaleController {

	private final FlashSaleService sales;

	FlashSaleController(FlashSaleService sales) {
		this.sales = sales;
	}

	@PostMapping("/api/streams/{id}/flash-sales")
	ResponseEntity<FlashSaleView> create(@PathVariable long id, Caller caller, @Valid @RequestBody NewFlashSale request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(sales.create(id, caller, request));
	}

	@GetMapping("/api/streams/{id}/flash-sales")
	List<FlashSaleView> ofStream(@PathVariable long id, Optional<Caller> caller) {
		return sales.ofStream(id, caller);
	}

	@GetMapping("/api/flash-sales/{id}")
	FlashSaleView get(@PathVariable long id, Optional<Caller> caller) {
		return sales.get(id, caller);
	}

	@PostMapping("/api/flash-sales/{id}/stop")
	FlashSaleView stop(@PathVariable long id, Caller caller) {
		return sales.stop(id, caller);
	}

	@PostMapping("/api/flash-sales/{id}/claims")
	ResponseEntity<ClaimResult> claim(@PathVariable long id, Caller caller, @Valid @RequestBody ClaimRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(sales.claim(id, caller, request));
	}
}
