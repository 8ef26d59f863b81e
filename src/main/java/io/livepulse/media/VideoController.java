package io.livepulse.media;

import java.util.Map;
import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.security.Caller;
import io.livepulse.stream.StreamService;

@RestController
class VideoController {

	private final StreamService streams;
	private final VideoService videos;

	VideoController(StreamService streams, VideoService videos) {
		this.streams = streams;
		this.videos = videos;
	}

	/** Anyone who may see the stream: its video state and where to play it (a rehearsal only for its owner). */
	@GetMapping("/api/streams/{id}/video")
	VideoView video(@PathVariable long id, Optional<Caller> caller) {
		return videos.videoOf(streams.getVisible(id, caller));
	}

	/** The owner and admins: the ingest URL, the playback id, the connection and its health. */
	@GetMapping("/api/streams/{id}/media")
	EncoderView encoder(@PathVariable long id, Caller caller) {
		return videos.encoderOf(streams.getManaged(id, caller));
	}

	/** Admins: each live stream's video state. */
	@GetMapping("/api/admin/media")
	Map<Long, VideoState> liveVideoStates() {
		return videos.statesOf(streams.liveStreams());
	}
}
