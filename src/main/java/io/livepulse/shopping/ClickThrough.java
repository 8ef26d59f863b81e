package io.livepulse.shopping;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

import io.livepulse.presence.PresenceService;
import io.livepulse.presence.ViewerId;
import io.livepulse.presence.ViewerIdentity;
import io.livepulse.security.Caller;
import io.livepulse.shared.ThrottledLog;
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

	private static final Logger log = LoggerFactory.getLogger(ClickThrough.class);
	// every anonymous Buy on a broken link would otherwise log: one line per product per minute
	private final ThrottledLog brokenLinkLog = new ThrottledLog(log, Duration.ofMinutes(1));

	/** The product's stored link cannot be made into a redirect; Buy must answer without one. */
	public static final class BrokenLink extends RuntimeException {

		BrokenLink(long productId) {
			super("Product " + productId + " has a link that cannot be redirected to", null, false, false);
		}
	}

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
	 * @throws BrokenLink when the product's stored link makes no redirect (logged once per product per minute)
	 */
	public Optional<String> follow(Stream stream, long productId, Optional<Caller> signedIn, HttpServletRequest request) {
		Optional<Product> product = products.find(productId)
			.filter(found -> !found.archived() && found.vendorId() == stream.vendorId())
			.filter(found -> showcases.inShowcase(stream.id(), productId));
		if (product.isEmpty()) {
			return Optional.empty();
		}
		String target = redirectTo(product.get(), stream.id());
		String host = ProductRules.httpsHost(target);
		if (host == null || !domains.current().allows(host)) {
			return Optional.empty();
		}
		Optional<ViewerId> viewer = signedIn.filter(caller -> Caller.isValidUserId(caller.userId()))
			.map(caller -> ViewerId.user(caller.userId()))
			.or(() -> identity.existing(request));
		if (viewer.isPresent() && stream.status() == StreamStatus.LIVE && presence.isPresent(stream.id(), viewer.get())) {
			figures.click(stream.id(), productId, viewer.get().value(), stream.isRehearsal());
		}
		return Optional.of(target);
	}

	/** Links stored before they were normalised (or edited in the database) are normalised here too. */
	private String redirectTo(Product product, long streamId) {
		try {
			String ascii = ShopUrls.ascii(product.productUrl());
			if (ascii != null) {
				return target(ascii, streamId, product.id());
			}
		}
		catch (RuntimeException unexpected) {
			// reported below, without the stack: the cause is the stored link, which the line names
		}
		brokenLinkLog.warn(product.id(), "Buy on product {} answers without a redirect: its stored link is not a valid"
				+ " https address; the seller should edit it", product.id());
		throw new BrokenLink(product.id());
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
