package io.livepulse.web;

import java.util.Locale;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.livepulse.security.Caller;
import io.livepulse.security.DevProfile;
import io.livepulse.security.Role;
import io.livepulse.push.EventStreamAddress;
import io.livepulse.push.LiveNow;
import io.livepulse.push.StatsService;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Server-rendered pages; their live parts are small JS modules talking to the public API. */
@Controller
class PageController {

	private final StreamService streams;
	private final StatsService stats;
	private final LiveNow liveNow;
	private final PageAccess access;
	private final EventStreamAddress eventAddress;
	private final boolean devSignIn;

	PageController(StreamService streams, StatsService stats, LiveNow liveNow, PageAccess access,
			EventStreamAddress eventAddress, Environment environment) {
		this.streams = streams;
		this.stats = stats;
		this.liveNow = liveNow;
		this.access = access;
		this.eventAddress = eventAddress;
		this.devSignIn = DevProfile.isActive(environment);
	}

	@GetMapping("/")
	String home(Model model) {
		model.addAttribute("streams", liveNow.list());
		return "home";
	}

	@GetMapping("/live/{id}")
	String viewer(@PathVariable String id, Model model, HttpServletRequest request, HttpServletResponse response) {
		Long streamId = PathIds.parse(id);
		Stream stream = streamId == null ? null : streams.find(streamId)
			.filter(found -> StreamService.isVisibleTo(found, access.caller(request))).orElse(null);
		if (stream == null) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("what", "This stream does not exist or was removed.");
			return "not-found";
		}
		model.addAttribute("stream", stream);
		model.addAttribute("engagement", stats.engagement(stream));
		model.addAttribute("eventsUrl", eventAddress.forStream(stream.id(), request));
		return "viewer";
	}

	@GetMapping("/seller")
	String seller(HttpServletRequest request, HttpServletResponse response, Model model) {
		return pageFor(Role.SELLER, "seller", "/seller", "sellers", request, response, model);
	}

	@GetMapping("/admin/streaming")
	String admin(HttpServletRequest request, HttpServletResponse response, Model model) {
		return pageFor(Role.ADMIN, "admin", "/admin/streaming", "admins", request, response, model);
	}

	/**
	 * The page for callers with the role; a signed-in caller without it gets a 403 page saying who the
	 * page is for, with a way back; anyone else (no sign-in, or a token that is no longer accepted)
	 * the 401 sign-in page.
	 */
	private String pageFor(Role role, String view, String path, String audience, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		Optional<Caller> caller = access.caller(request);
		if (caller.isPresent() && caller.get().has(role)) {
			return view;
		}
		model.addAttribute("audience", audience);
		model.addAttribute("next", path);
		model.addAttribute("devSignIn", devSignIn);
		if (caller.isPresent()) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			return "forbidden";
		}
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		model.addAttribute("role", role.name().toLowerCase(Locale.ROOT));
		model.addAttribute("sessionEnded", access.hasRefusedToken(request));
		return "signin-required";
	}

}
