package io.livepulse.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Caller;
import io.livepulse.settings.StreamSettings;
import jakarta.validation.Valid;

@RestController
class StreamController {

	private final StreamService streams;
	private final StreamKeyService keys;
	private final Clock clock;

	StreamController(StreamService streams, StreamKeyService keys, Clock clock) {
		this.streams = streams;
		this.keys = keys;
		this.clock = clock;
	}

	@PostMapping("/api/streams")
	ResponseEntity<OwnerStreamView> create(@Valid @RequestBody NewStream request, Caller caller) {
		CreatedStream created = streams.create(caller, request);
		return ResponseEntity.status(HttpStatus.CREATED)
			.header("Location", "/api/streams/" + created.stream().id())
			.body(OwnerStreamView.of(created.stream(), created.key(), clock.instant()));
	}

	@GetMapping("/api/streams")
	List<PublicStreamView> listPublic(@RequestParam(required = false) StreamStatus status) {
		Instant now = clock.instant();
		return streams.listPublic(status).stream().map(stream -> PublicStreamView.of(stream, now)).toList();
	}

	@GetMapping("/api/streams/mine")
	List<OwnerStreamView> listMine(Caller caller) {
		Instant now = clock.instant();
		return streams.listOwn(caller).stream()
			.map(stream -> OwnerStreamView.of(stream, null, now)).toList();
	}

	@GetMapping("/api/streams/{id}")
	PublicStreamView get(@PathVariable long id, Optional<Caller> caller) {
		return PublicStreamView.of(streams.getVisible(id, caller), clock.instant());
	}

	@GetMapping("/api/streams/{id}/key")
	KeyView key(@PathVariable long id, Caller caller) {
		return new KeyView(id, keys.keyOf(id, caller));
	}

	/** Admins rotate to revoke: they get no key back, only the owner does. */
	@PostMapping("/api/streams/{id}/key/rotate")
	KeyView rotateKey(@PathVariable long id, Caller caller) {
		return new KeyView(id, keys.rotateKey(id, caller).orElse(null));
	}

	@PostMapping("/api/streams/{id}/start")
	OwnerStreamView start(@PathVariable long id, Caller caller) {
		return OwnerStreamView.of(streams.start(id, caller), null, clock.instant());
	}

	@PostMapping("/api/streams/{id}/end")
	OwnerStreamView end(@PathVariable long id, @RequestBody(required = false) EndRequest request, Caller caller) {
		boolean save = request != null && Boolean.TRUE.equals(request.save());
		return OwnerStreamView.of(streams.end(id, caller, save), null, clock.instant());
	}

	@GetMapping("/api/replays")
	List<Replay> replays(Caller caller) {
		return streams.replaysOf(caller);
	}

	record EndRequest(Boolean save) {
	}

	record KeyView(long streamId, StreamKey streamKey) {
	}

	/** The public face of a stream: never a key, never revenue; {@code seller} is the seller's display name or id. */
	record PublicStreamView(long id, long vendorId, String seller, String title, String description, Instant scheduledAt,
			StreamMode mode, StreamStatus status, Instant createdAt, Instant startedAt, Instant endedAt,
			long durationSeconds, PublicResults results) {

		static PublicStreamView of(Stream stream, Instant now) {
			FinalMetrics metrics = stream.finalMetrics();
			PublicResults results = metrics == null ? null
					: new PublicResults(metrics.likes(), metrics.peakViewers(), metrics.uniqueViewers());
			return new PublicStreamView(stream.id(), stream.vendorId(), stream.sellerLabel(), stream.title(),
					stream.description(),
					stream.scheduledAt(), stream.mode(), stream.status(), stream.createdAt(), stream.startedAt(),
					stream.endedAt(), stream.durationSecondsAt(now), results);
		}
	}

	record PublicResults(long likes, int peakViewers, int uniqueViewers) {
	}

	/** What the owner and admins see; the key only in the answer to create. */
	record OwnerStreamView(long id, long vendorId, String title, String description, Instant scheduledAt,
			StreamMode mode, StreamStatus status, Instant createdAt, Instant startedAt, Instant endedAt,
			long durationSeconds, StreamSettings settings, FinalMetrics finalMetrics, StreamKey streamKey) {

		static OwnerStreamView of(Stream stream, StreamKey key, Instant now) {
			return new OwnerStreamView(stream.id(), stream.vendorId(), stream.title(), stream.description(),
					stream.scheduledAt(), stream.mode(), stream.status(), stream.createdAt(), stream.startedAt(),
					stream.endedAt(), stream.durationSecondsAt(now), stream.settings(), stream.finalMetrics(), key);
		}
	}
}
