package io.livepulse.embed;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import io.livepulse.media.VideoService;
import io.livepulse.push.EventStreamAddress;
import io.livepulse.push.StatsService;
import io.livepulse.security.Caller;
import io.livepulse.shared.PagePolicy;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The player page a shop frames ({@code /embed/{id}}, {@code ?chat=1} for the chat) and the admins' list of origins
 * allowed to frame it. The page may be framed by those origins only ({@code frame-ancestors}); a rehearsal or an
 * unknown stream is the same "not found" page, as on LivePulse's own pages (no one signs in inside a frame).
 */
@Controller
class EmbedController {

	private final StreamService streams;
	private final StatsService stats;
	private final EmbedOrigins origins;
	private final EventStreamAddress eventAddress;
	private final String mediaOrigins;

	EmbedController(StreamService streams, StatsService stats, EmbedOrigins origins, EventStreamAddress eventAddress,
			VideoService videos) {
		this.streams = streams;
		this.stats = stats;
		this.origins = origins;
		this.eventAddress = eventAddress;
		this.mediaOrigins = String.join("", videos.mediaOrigins().stream().map(origin -> " " + origin).toList());
	}

	@GetMapping("/embed/{id}")
	String embed(@PathVariable String id, @RequestParam(defaultValue = "0") String chat,
			@RequestParam(defaultValue = "") String host, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		String ancestors = String.join("", origins.current().stream().map(origin -> " " + origin).toList());
		response.setHeader("Content-Security-Policy",
				PagePolicy.of(eventAddress.otherOrigin(request), mediaOrigins, "'self'" + ancestors));
		Optional<Stream> stream = id.matches("\\d{1,18}") ? streams.find(Long.parseLong(id))
			.filter(found -> StreamService.isVisibleTo(found, Optional.empty())) : Optional.empty();
		if (stream.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("what", "This stream does not exist or was removed.");
			return "not-found";
		}
		model.addAttribute("stream", stream.get());
		model.addAttribute("engagement", stats.engagement(stream.get()));
		model.addAttribute("eventsUrl", eventAddress.forStream(stream.get().id(), request));
		model.addAttribute("withChat", "1".equals(chat));
		// the page talks to its host only when embed.js named an allowed origin (the list itself is not shown)
		model.addAttribute("host", origins.allowed(host).orElse(""));
		return "embed";
	}

	record EmbedOriginList(@NotNull @Size(max = EmbedOrigins.MAX) List<@NotNull @Size(max = 300) String> origins) {
	}

	@GetMapping("/api/admin/embed-origins")
	@ResponseBody
	EmbedOriginList list(Caller caller) {
		return new EmbedOriginList(origins.current());
	}

	@PutMapping("/api/admin/embed-origins")
	@ResponseBody
	EmbedOriginList replace(Caller caller, @Valid @RequestBody EmbedOriginList request) {
		return new EmbedOriginList(origins.replace(request.origins(), caller.userId()));
	}
}
