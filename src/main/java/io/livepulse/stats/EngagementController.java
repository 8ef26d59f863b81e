package io.livepulse.stats;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import io.livepulse.presence.PresenceService;
import io.livepulse.presence.ViewerIdentity;
import io.livepulse.security.Callers;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** What a viewer page talks to: presence, the public engagement payload and its push channel. */
@RestController
class EngagementController {

	private final PresenceService presence;
	private final ViewerIdentity identity;
	private final StatsService stats;
	private final StreamService streams;
	private final ServletEventStreams push;

	EngagementController(PresenceService presence, ViewerIdentity identity, StatsService stats, StreamService streams,
			ServletEventStreams push) {
		this.presence = presence;
		this.identity = identity;
		this.stats = stats;
		this.streams = streams;
		this.push = push;
	}

	@PostMapping("/api/streams/{id}/heartbeat")
	EngagementView heartbeat(@PathVariable long id, HttpServletRequest request, HttpServletResponse response) {
		Stream stream = streams.getVisible(id, Callers.current());
		presence.heartbeat(stream, () -> identity.resolve(request, response));
		return stats.engagement(stream);
	}

	@PostMapping("/api/streams/{id}/leave")
	EngagementView leave(@PathVariable long id, HttpServletRequest request) {
		streams.getVisible(id, Callers.current());
		identity.existing(request).ifPresent(viewer -> presence.leave(id, viewer));
		return stats.engagement(id);
	}

	@GetMapping("/api/streams/{id}/engagement")
	EngagementView engagement(@PathVariable long id) {
		return stats.engagement(streams.getVisible(id, Callers.current()));
	}

	@GetMapping("/api/streams/{id}/stats")
	SellerStats sellerStats(@PathVariable long id) {
		return stats.sellerStats(id, Callers.required());
	}

	@GetMapping(path = "/api/streams/{id}/events", produces = "text/event-stream")
	ResponseBodyEmitter events(@PathVariable long id, HttpServletResponse response) {
		response.setHeader("X-Accel-Buffering", "no");
		return push.subscribe(streams.getVisible(id, Callers.current()));
	}
}
