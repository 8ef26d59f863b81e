package io.livepulse.push;

import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import io.livepulse.presence.PresenceService;
import io.livepulse.presence.ViewerIdentity;
import io.livepulse.security.Caller;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.shared.ClientAddress;
import io.livepulse.shared.HotRoute;
import io.livepulse.shared.WebConnection;
import jakarta.servlet.http.HttpServletRequest;
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

	@PostMapping(HotRoute.HEARTBEAT_PATH)
	EngagementView heartbeat(@PathVariable long id, HttpServletRequest request, HttpServletResponse response, Optional<Caller> caller) {
		Stream stream = streams.getVisible(id, caller);
		String playbackToken = presence.heartbeat(stream, () -> identity.resolve(request, response));
		if (playbackToken != null) {
			response.setHeader(HotRoute.PLAYBACK_TOKEN_HEADER, playbackToken);
		}
		return stats.engagement(stream);
	}

	@PostMapping(HotRoute.LEAVE_PATH)
	EngagementView leave(@PathVariable long id, HttpServletRequest request, Optional<Caller> caller) {
		streams.getVisible(id, caller);
		identity.existing(request).ifPresent(viewer -> presence.leave(id, viewer));
		return stats.engagement(id);
	}

	@GetMapping(HotRoute.ENGAGEMENT_PATH)
	EngagementView engagement(@PathVariable long id, Optional<Caller> caller) {
		return stats.engagement(streams.getVisible(id, caller));
	}

	@GetMapping("/api/streams/{id}/stats")
	SellerStats sellerStats(@PathVariable long id, Caller caller) {
		return stats.sellerStats(id, caller);
	}

	@GetMapping(path = HotRoute.EVENTS_PATH, produces = "text/event-stream")
	ResponseBodyEmitter events(@PathVariable long id, HttpServletRequest request, HttpServletResponse response,
			Optional<Caller> caller) {
		response.setHeader("X-Accel-Buffering", "no");
		return push.subscribe(streams.getVisible(id, caller), WebConnection.of(request),
				ClientAddress.keyOf(request.getRemoteAddr()));
	}
}
