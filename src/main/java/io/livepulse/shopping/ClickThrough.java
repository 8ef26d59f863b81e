package io.livepulse.shopping;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

import io.livepulse.presence.PresenceService;
import io.livepulse.presence.ViewerId;
import io.livepulse.presence.ViewerIdentity;
import io.livepulse.security.Caller;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamStatus;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A viewer's Buy: the product's own page with attribution parameters, and a click counted once per
 * viewer, product and stream. A click counts only from a viewer presence counts on the live stream
 * right now (a signed-in user, or a device id the service issued), so a made-up id, a client without
 * cookies or a flood of requests adds nothing; on a rehearsal it is stored as practice.
 */
@Service
public class ClickThrough {

	private final ProductRepository products;
	private final ShowcaseService showcases;
	private final ShopDomains domains;
	private final ShopFigures figures;
	private final PresenceService presence;
	private final ViewerIdentity identity;

	ClickThrough(ProductRepository products, ShowcaseService showcases, ShopDomains domains, ShopFigures figures,
			PresenceService presence, ViewerIdentity identity) {
		this.products = products;
		this.showcases = showcases;
		this.domains = domains;
		this.figures = figures;
		this.presence = presence;
		this.identity = identity;
	}

	/**
	 * Where Buy leads for a stream the visitor may see, or empty when the product is unknown,
	 * archived, not in the stream's showcase, or its link is no longer on an allowed domain.
	 *
	 * @param signedIn the visitor signed in on the pages (the token cookie), if any
	 */
	public Optional<String> follow(Stream stream, long productId, Optional<Caller> signedIn, HttpServletRequest request) {
		Optional<Product> product = products.find(productId)
			.filter(found -> !found.archived() && found.vendorId() == stream.vendorId())
			.filter(found -> showcases.inShowcase(stream.id(), productId))
			.filter(found -> {
				String host = ProductRules.httpsHost(found.productUrl());
				return host != null && domains.current().allows(host);
			});
		if (product.isEmpty()) {
			return Optional.empty();
		}
		Optional<ViewerId> viewer = signedIn.filter(caller -> Caller.isValidUserId(caller.userId()))
			.map(caller -> ViewerId.user(caller.userId()))
			.or(() -> identity.existing(request));
		if (viewer.isPresent() && stream.status() == StreamStatus.LIVE && presence.isPresent(stream.id(), viewer.get())) {
			figures.click(stream.id(), productId, viewer.get().value(), stream.isRehearsal());
		}
		return Optional.of(target(product.get().productUrl(), stream.id(), productId));
	}

	static String target(String productUrl, long streamId, long productId) {
		return UriComponentsBuilder.fromUriString(productUrl)
			.replaceQueryParam("lp_stream", streamId)
			.replaceQueryParam("lp_product", productId)
			.replaceQueryParam("utm_source", "livepulse")
			.replaceQueryParam("utm_medium", "live")
			.replaceQueryParam("utm_campaign", streamId)
			.build(true).toUriString();
	}
}
