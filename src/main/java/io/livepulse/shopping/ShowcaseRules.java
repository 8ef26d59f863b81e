package io.livepulse.shopping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.FieldError;

/** What a new showcase must be: at most so many products, none twice, each the seller's own and not archived. */
final class ShowcaseRules {

	private ShowcaseRules() {
	}

	/** Throws a problem naming what is wrong; {@code lookUp} finds the named products. */
	static void check(List<Long> productIds, int maxShowcase, long vendorId, Function<List<Long>, List<Product>> lookUp) {
		List<FieldError> errors = new ArrayList<>();
		if (productIds == null) {
			errors.add(new FieldError("productIds", "is required"));
		}
		else {
			if (productIds.size() > maxShowcase) {
				errors.add(new FieldError("productIds", "must hold at most %d products".formatted(maxShowcase)));
			}
			if (productIds.stream().anyMatch(id -> id == null)) {
				errors.add(new FieldError("productIds", "must not contain null"));
			}
			else if (new HashSet<>(productIds).size() != productIds.size()) {
				errors.add(new FieldError("productIds", "must not name a product twice"));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.badRequest("The showcase is invalid: " + errors.get(0).field() + " "
					+ errors.get(0).message() + ". Nothing was changed.").with("errors", errors);
		}
		Map<Long, Product> found = lookUp.apply(productIds).stream()
			.collect(Collectors.toMap(Product::id, Function.identity()));
		for (long id : productIds) {
			Product product = found.get(id);
			if (product == null || product.vendorId() != vendorId) {
				throw ProductService.notYours(id);
			}
			if (product.archived()) {
				throw ApiProblem.unprocessable("Product %d is archived; it cannot be shown.".formatted(id));
			}
		}
	}
}
