package io.livepulse.shopping;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Caller;

/** Products (their seller only), showcases and pins (the stream's owner and admins), per-product figures. */
@RestController
class ShoppingController {

	private final ProductService products;
	private final ShowcaseService showcases;
	private final ProductStatsService stats;
	private final ShopDomains domains;

	ShoppingController(ProductService products, ShowcaseService showcases, ProductStatsService stats,
			ShopDomains domains) {
		this.products = products;
		this.showcases = showcases;
		this.stats = stats;
		this.domains = domains;
	}

	@PostMapping("/api/products")
	ResponseEntity<Product> create(Caller caller, @RequestBody ProductRequest request) {
		Product created = products.create(caller, request);
		return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/products/" + created.id())
			.body(created);
	}

	@GetMapping("/api/products")
	List<Product> mine(Caller caller, @RequestParam(defaultValue = "false") boolean archived) {
		return products.listOwn(caller, archived);
	}

	@PutMapping("/api/products/{id}")
	Product update(Caller caller, @PathVariable long id, @RequestBody ProductRequest request) {
		return products.update(caller, id, request);
	}

	/** Archives: the product leaves showcases and pins, and stays in the figures. */
	@DeleteMapping("/api/products/{id}")
	Product archive(Caller caller, @PathVariable long id) {
		return products.archive(caller, id);
	}

	@GetMapping("/api/streams/{id}/showcase")
	Showcase showcase(Optional<Caller> caller, @PathVariable long id) {
		return showcases.showcase(id, caller);
	}

	@PutMapping("/api/streams/{id}/showcase")
	Showcase replaceShowcase(Caller caller, @PathVariable long id, @RequestBody ShowcaseRequest request) {
		return showcases.replace(id, caller, request.productIds());
	}

	@PostMapping("/api/streams/{id}/pin")
	Showcase pin(Caller caller, @PathVariable long id, @RequestBody PinRequest request) {
		return showcases.pin(id, caller, request.productId());
	}

	@DeleteMapping("/api/streams/{id}/pin")
	Showcase unpin(Caller caller, @PathVariable long id) {
		return showcases.unpin(id, caller);
	}

	@GetMapping("/api/streams/{id}/products/stats")
	ProductStats productStats(Caller caller, @PathVariable long id) {
		return stats.stats(id, caller);
	}

	@GetMapping("/api/admin/shop-domains")
	ShopDomainList shopDomains() {
		return new ShopDomainList(List.copyOf(domains.current().allowed()));
	}

	@PutMapping("/api/admin/shop-domains")
	ShopDomainList replaceShopDomains(Caller caller, @RequestBody ShopDomainList request) {
		return new ShopDomainList(domains.replace(request.domains(), caller.userId()));
	}

	record ShowcaseRequest(List<Long> productIds) {
	}

	record PinRequest(Long productId) {
	}

	record ShopDomainList(List<String> domains) {
	}
}
