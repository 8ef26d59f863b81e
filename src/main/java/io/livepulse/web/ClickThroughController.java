package io.livepulse.web;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.servlet.view.RedirectView;

import io.livepulse.security.Caller;
import io.livepulse.shopping.ClickThrough;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A viewer's Buy: {@code /go/{streamId}/{productId}} counts the click and redirects (302) to the
 * product's own page with attribution parameters. A product that is archived, not in the stream's
 * showcase, or a stream the visitor may not see gets the not-found page, never a redirect; so does a
 * product whose stored link makes no valid redirect (logged, at most once per product per minute).
 */
@Controller
class ClickThroughController {

	private final StreamService streams;
	private final ClickThrough clicks;
	private static final java.util.regex.Pattern CLAIM_ID = java.util.regex.Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

	private final PageAccess access;

	ClickThroughController(StreamService streams, ClickThrough clicks, PageAccess access) {
		this.streams = streams;
		this.clicks = clicks;
		this.access = access;
	}

	@GetMapping("/go/{streamId}/{productId}")
	ModelAndView go(@PathVariable String streamId, @PathVariable String productId,
			@RequestParam(required = false) String claim, HttpServletRequest request, HttpServletResponse response) {
		Long stream = PathIds.parse(streamId);
		Long product = PathIds.parse(productId);
		Optional<Caller> caller = access.caller(request);
		Optional<Stream> visible = stream == null ? Optional.empty()
				: streams.find(stream).filter(found -> StreamService.isVisibleTo(found, caller));
		Optional<String> target;
		try {
			target = product == null || visible.isEmpty() ? Optional.empty()
					: clicks.follow(visible.get(), product, caller, request);
		}
		catch (ClickThrough.BrokenLink broken) {
			return notFound("This product's shop link is not a valid address; the seller has to correct it.");
		}
		if (target.isEmpty()) {
			return notFound("This product is not on sale in this stream any more.");
		}
		response.setHeader("Cache-Control", "no-store");
		// a flash sale's claim goes along, so the shop can settle it (the purchase's claimId)
		String to = claim != null && CLAIM_ID.matcher(claim).matches()
				? UriComponentsBuilder.fromUriString(target.get()).replaceQueryParam("lp_claim", claim).build(true).toUriString()
				: target.get();
		// the URL as stored and checked: no template expansion, no model attributes added, 302
		RedirectView redirect = new RedirectView(to, false, true, false);
		redirect.setExpandUriTemplateVariables(false);
		redirect.setStatusCode(HttpStatus.FOUND);
		return new ModelAndView(redirect);
	}

	private static ModelAndView notFound(String what) {
		ModelAndView notFound = new ModelAndView("not-found", HttpStatus.NOT_FOUND);
		notFound.addObject("what", what);
		return notFound;
	}
}
