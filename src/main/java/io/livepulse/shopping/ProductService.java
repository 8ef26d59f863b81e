package io.livepulse.shopping;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import io.livepulse.security.Caller;
import io.livepulse.security.Role;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.FieldError;

/** A seller's products: created, edited and archived by their own seller only. */
@Service
class ProductService {

	private static final Logger log = LoggerFactory.getLogger(ProductService.class);

	private final ProductRepository repository;
	private final ShopDomains domains;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	/** Within this module: a product was archived, so the streams pinning it unpin it. */
	record ProductArchived(long productId) {
	}

	ProductService(ProductRepository repository, ShopDomains domains, ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.domains = domains;
		this.events = events;
		this.clock = clock;
	}

	public Product create(Caller caller, ProductRequest request) {
		long vendorId = sellerVendor(caller);
		long id = repository.insert(vendorId, validated(request), clock.instant());
		log.info("Product {} created by vendor {}", id, vendorId);
		return repository.find(id).orElseThrow();
	}

	public Product update(Caller caller, long id, ProductRequest request) {
		Product product = own(caller, id);
		if (product.archived()) {
			throw ApiProblem.conflict("Product %d is archived and can no longer be changed.".formatted(id));
		}
		if (!repository.update(id, validated(request), clock.instant())) {
			throw ApiProblem.conflict("Product %d is archived and can no longer be changed.".formatted(id));
		}
		return repository.find(id).orElseThrow();
	}

	/** Archives the product: it leaves showcases' public lists and pins, and its link answers 404. Idempotent. */
	public Product archive(Caller caller, long id) {
		own(caller, id);
		if (repository.archive(id, clock.instant())) {
			log.info("Product {} archived", id);
			events.publishEvent(new ProductArchived(id));
		}
		return repository.find(id).orElseThrow();
	}

	public List<Product> listOwn(Caller caller, boolean withArchived) {
		return repository.ofVendor(sellerVendor(caller), withArchived);
	}

	/** The caller's own product, or a 404 problem (another seller's product is not confirmed to exist). */
	Product own(Caller caller, long id) {
		long vendorId = sellerVendor(caller);
		return repository.find(id).filter(product -> product.vendorId() == vendorId)
			.orElseThrow(() -> notYours(id));
	}

	static ApiProblem notYours(long id) {
		return ApiProblem.notFound("Product %d is not one of your products.".formatted(id));
	}

	/** The request as stored (links in ASCII), or a 400 problem naming every field it gets wrong. */
	private ProductRequest validated(ProductRequest sent) {
		ProductRequest request = ProductRules.normalised(sent);
		List<FieldError> errors = ProductRules.violations(request, domains.current());
		if (!errors.isEmpty()) {
			throw ApiProblem.badRequest("Some fields are invalid: " + String.join("; ",
					errors.stream().map(e -> e.field() + " " + e.message()).toList()) + ". Nothing was saved.")
				.with("errors", errors);
		}
		return request;
	}

	private static long sellerVendor(Caller caller) {
		if (!caller.has(Role.SELLER) || caller.vendorId() == null) {
			throw ApiProblem.forbidden("Only a seller with a vendorId has products.");
		}
		return caller.vendorId();
	}
}
