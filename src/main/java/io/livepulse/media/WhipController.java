package io.livepulse.media;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.TokenBuckets;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * Going live from the seller console with a camera: a WHIP endpoint (RFC 9725: POST an SDP offer, get the answer
 * and the publish's address; DELETE that address to stop). Only the stream's seller may publish, three starts at
 * once and then one every 10 s; the seller or an admin may stop. The publish runs on the node that took it.
 */
@RestController
class WhipController {

	private static final String SDP = "application/sdp";
	/** Camera starts a seller may make: 3 at once, then one every 10 s (each one is a Janus room and an ffmpeg). */
	private static final double STARTS_AT_ONCE = 3;
	private static final double STARTS_PER_SECOND = 0.1;

	private final TokenBuckets starts = new TokenBuckets(10_000, Duration.ofMinutes(10));

	private final StreamService streams;
	private final WhipPublishes publishes;
	private final MediaProperties properties;

	WhipController(StreamService streams, WhipPublishes publishes, MediaProperties properties) {
		this.streams = streams;
		this.publishes = publishes;
		this.properties = properties;
	}

	@PostMapping(path = "/api/streams/{id}/whip", consumes = SDP, produces = SDP)
	ResponseEntity<String> publish(@PathVariable long id, @RequestBody String offer, Caller caller) {
		Stream stream = streams.getManaged(id, caller);
		if (!caller.ownsStreamOf(stream.vendorId())) {
			throw ApiProblem.forbidden("Only the stream's seller can go live from a camera.");
		}
		if (stream.status() == StreamStatus.ENDED) {
			throw ApiProblem.conflict("Stream %d has ended; create a new stream to go live again.".formatted(id));
		}
		if (!properties.enabled() || !properties.webrtc().enabled()) {
			throw ApiProblem.serviceUnavailable("Going live from a camera needs the WebRTC media server, which is off here.");
		}
		List<JanusVideoRoom.Section> sections = WhipOffers.sections(offer);
		if (!starts.tryAcquire(caller.userId(), STARTS_AT_ONCE, STARTS_PER_SECOND, System.nanoTime())) {
			throw ApiProblem.tooManyRequests("Too many camera starts; wait a few seconds and try again.");
		}
		WhipPublishes.Started started = publishes.start(id, offer, sections);
		return ResponseEntity.created(URI.create("/api/streams/" + id + "/whip/" + started.id()))
			.contentType(MediaType.parseMediaType(SDP)).body(started.answer());
	}

	@DeleteMapping("/api/streams/{id}/whip/{publish}")
	ResponseEntity<Void> stop(@PathVariable long id, @PathVariable String publish, Caller caller) {
		streams.getManaged(id, caller);
		if (!publishes.runs(id, publish)) {
			throw ApiProblem.notFound("No camera publish %s of stream %d runs here.".formatted(publish, id));
		}
		publishes.end(publish, "the seller stopped it");
		return ResponseEntity.noContent().build();
	}
}
