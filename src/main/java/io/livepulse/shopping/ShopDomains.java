package io.livepulse.shopping;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.livepulse.security.DevProfile;
import io.livepulse.settings.SettingsService;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.FieldError;
import io.livepulse.shared.HostNames;

/**
 * The admin's allow-list of shop domains product links may point at. An empty list allows any https
 * domain in the dev profile (demos) and none elsewhere. Every change is audited with the other settings.
 */
@Component
class ShopDomains {

	static final int MAX_DOMAINS = 100;

	private final ProductRepository repository;
	private final SettingsService settings;
	private final Clock clock;
	private final boolean anyWhenEmpty;
	private final AtomicReference<Set<String>> cached = new AtomicReference<>();

	ShopDomains(ProductRepository repository, SettingsService settings, Clock clock, Environment environment) {
		this.repository = repository;
		this.settings = settings;
		this.clock = clock;
		this.anyWhenEmpty = DevProfile.isActive(environment);
	}

	ProductRules.Domains current() {
		Set<String> domains = cached.get();
		if (domains == null) {
			domains = Set.copyOf(repository.allowedDomains());
			cached.set(domains);
		}
		return new ProductRules.Domains(new TreeSet<>(domains), anyWhenEmpty);
	}

	/** Replaces the list; an entry that is not a host name refuses the whole change. */
	@Transactional
	synchronized List<String> replace(List<String> requested, String changedBy) {
		if (requested == null) {
			throw ApiProblem.badRequest("Send the allowed shop domains as {\"domains\": [\"shop.example.com\", ...]}.")
				.with("errors", List.of(new FieldError("domains", "is required")));
		}
		List<FieldError> errors = new ArrayList<>();
		Set<String> wanted = new LinkedHashSet<>();
		for (int i = 0; i < requested.size(); i++) {
			String domain = HostNames.entry(requested.get(i));
			if (domain == null) {
				errors.add(new FieldError("domains[" + i + "]", "must be a host name such as shop.example.com (at most 64 characters): no scheme, port, path, wildcard or IP address"));
			}
			else {
				wanted.add(domain);
			}
		}
		if (wanted.size() > MAX_DOMAINS) {
			errors.add(new FieldError("domains", "must hold at most %d domains".formatted(MAX_DOMAINS)));
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.badRequest("Some shop domains are invalid; nothing was saved.").with("errors", errors);
		}
		Set<String> before = new TreeSet<>(repository.allowedDomains());
		for (String domain : before) {
			if (!wanted.contains(domain)) {
				repository.removeDomain(domain);
				settings.auditChange("shopDomain", domain, "(removed)", changedBy);
			}
		}
		for (String domain : wanted) {
			if (!before.contains(domain)) {
				repository.addDomain(domain, changedBy, clock.instant());
				settings.auditChange("shopDomain", "(absent)", domain, changedBy);
			}
		}
		cached.set(null);
		return repository.allowedDomains();
	}
}
