package io.livepulse.media;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/** What the pages and the API show of a stream's video. Callers decide who may see the stream. */
@Service
public class VideoService {

	private final MediaRepository repository;
	private final PlaybackIds playbackIds;
	private final StreamService streams;
	private final IngestStatistics statistics;
	private final KeyframeIntervals keyframes;
	private final MediaProperties properties;
	private final IceServers iceServers;
	private final Clock clock;
	private final Cache<Long, Optional<String>> thumbnails = Caffeine.newBuilder().maximumSize(10_000)
		.expireAfterWrite(Duration.ofSeconds(5)).build();

	VideoService(MediaRepository repository, PlaybackIds playbackIds, StreamService streams,
			IngestStatistics statistics, KeyframeIntervals keyframes, MediaProperties properties, IceServers iceServers,
			Clock clock) {
		this.repository = repository;
		this.playbackIds = playbackIds;
		this.streams = streams;
		this.statistics = statistics;
		this.keyframes = keyframes;
		this.properties = properties;
		this.iceServers = iceServers;
		this.clock = clock;
	}

	/** For someone who may see this stream (a rehearsal's owner or an admin; anyone for a public stream). */
	public VideoView videoOf(Stream stream) {
		return view(stream, repository.session(stream.id()));
	}

	/** The video state of each stream, for the admin table. */
	public Map<Long, VideoState> statesOf(List<Stream> list) {
		Map<Long, EncoderSession> sessions = repository.sessions(list.stream().map(Stream::id).toList()).stream()
			.collect(Collectors.toMap(EncoderSession::streamId, Function.identity()));
		return list.stream().collect(Collectors.toMap(Stream::id,
				stream -> state(stream, Optional.ofNullable(sessions.get(stream.id())), clock.instant())));
	}

	/**
	 * The latest frame of each of these streams whose encoder is connected, by stream id: a URL on the media
	 * server, which rewrites the picture every 5 s. Read for the home page's list, so the sessions behind it are
	 * looked up at most once per 5 s per stream.
	 */
	public Map<Long, String> thumbnailsOf(List<Stream> list) {
		if (properties.thumbnailsBaseUrl().isBlank() || list.isEmpty()) {
			return Map.of();
		}
		Map<Long, Stream> byId = list.stream().collect(Collectors.toMap(Stream::id, Function.identity(), (a, b) -> a));
		Map<Long, Optional<String>> found = thumbnails.getAll(byId.keySet(), missing -> {
			List<Stream> wanted = missing.stream().map(byId::get).toList();
			Map<Long, VideoState> states = statesOf(wanted);
			return wanted.stream().collect(Collectors.toMap(Stream::id, stream -> states.get(stream.id()) == VideoState.CONNECTED
					? Optional.of(properties.thumbnailsBaseUrl() + "/" + playbackIds.currentOf(stream.id()) + ".jpg")
					: Optional.empty()));
		});
		Map<Long, String> urls = new HashMap<>();
		found.forEach((id, url) -> url.ifPresent(present -> urls.put(id, present)));
		return urls;
	}

	/**
	 * Whether an encoder has published to this stream (connected now or before) through nginx-rtmp, whose HLS
	 * delivery log (and Janus's statistics) tell who fetches the video; MediaMTX and SRS report no such thing.
	 */
	public boolean hasVideoWithDeliveryLog(long streamId) {
		return repository.session(streamId).filter(session -> session.server() == MediaServer.NGINX_RTMP).isPresent();
	}

	/** The live stream a playback id is current for, if any (a retired id names no stream to watch). */
	public Optional<Long> streamOfPlaybackId(String playbackId) {
		return PlaybackIds.looksLikeOne(playbackId) ? repository.findPlaybackId(playbackId)
			.filter(MediaRepository.PlaybackId::current).map(MediaRepository.PlaybackId::streamId) : Optional.empty();
	}

	/** Origins the pages load video and pictures from, for their Content-Security-Policy. */
	public Set<String> mediaOrigins() {
		Set<String> origins = new LinkedHashSet<>();
		List<String> urls = new ArrayList<>(
				List.of(properties.hlsBaseUrl(), properties.recordingsBaseUrl(), properties.thumbnailsBaseUrl()));
		if (properties.webrtc().enabled()) {
			urls.add(properties.webrtc().publicUrl());
		}
		for (String url : urls) {
			URI uri = URI.create(url);
			if (uri.getScheme() != null && uri.getRawAuthority() != null) {
				origins.add(uri.getScheme() + "://" + uri.getRawAuthority());
			}
		}
		return origins;
	}

	EncoderView encoderOf(Stream stream) {
		Optional<EncoderSession> session = repository.session(stream.id());
		String playbackId = playbackIds.currentOf(stream.id());
		EncoderView.Health health = session.filter(EncoderSession::isConnected)
			.flatMap(connected -> statistics.of(playbackId))
			.map(measured -> new EncoderView.Health(measured.bitrateKbps(), measured.frameRate(), measured.width(),
					measured.height(), measured.measuredAt(),
					measured.bitrateKbps() != null && measured.bitrateKbps() < properties.lowBitrateKbps(),
					properties.lowBitrateKbps(), keyframes.of(playbackId).orElse(null),
					keyframes.of(playbackId).filter(seconds -> seconds > KeyframeIntervals.SPARSE_ABOVE_SECONDS).isPresent()))
			.orElse(null);
		return new EncoderView(stream.id(), properties.ingestUrl(), playbackId, view(stream, session),
				session.map(EncoderSession::connectedAt).orElse(null), health);
	}

	/** Whether a media server may serve this playback id to a reader: only a live stream's current id. */
	boolean mayBeWatched(String playbackId, boolean liveOnly) {
		return repository.findPlaybackId(playbackId)
			.filter(MediaRepository.PlaybackId::current)
			.flatMap(id -> streams.find(id.streamId()))
			.map(stream -> liveOnly ? stream.isLive() : stream.status() != StreamStatus.CREATED)
			.orElse(false);
	}

	private VideoView view(Stream stream, Optional<EncoderSession> session) {
		Instant now = clock.instant();
		VideoState state = state(stream, session, now);
		if (state == VideoState.ENDED) {
			List<VideoView.RecordingView> recordings = repository.recordings(stream.id()).stream()
				.map(recording -> new VideoView.RecordingView(
						properties.recordingsBaseUrl() + "/" + recording.fileName(),
						recording.recordedAt()))
				.toList();
			return new VideoView(stream.id(), state, null, null, null, null, recordings);
		}
		if (state == VideoState.NO_VIDEO || !stream.isLive()) {
			return new VideoView(stream.id(), state, null, null, null, null, List.of());
		}
		String playbackId = playbackIds.currentOf(stream.id());
		String hlsUrl = properties.hlsBaseUrl() + "/" + playbackId + "/index.m3u8";
		VideoView.WebRtcPlayback webrtc = state == VideoState.CONNECTED && properties.webrtc().enabled()
				? new VideoView.WebRtcPlayback(properties.webrtc().publicUrl(), playbackId, iceServers.forViewer())
				: null;
		Instant disconnectedAt = session.get().disconnectedAt();
		return new VideoView(stream.id(), state, hlsUrl, webrtc,
				state == VideoState.CONNECTED ? null : disconnectedAt.plus(properties.reconnectGrace()),
				state == VideoState.CONNECTED ? null : disconnectedAt.plus(properties.autoEndAfter()), List.of());
	}

	private VideoState state(Stream stream, Optional<EncoderSession> session, Instant now) {
		if (stream.status() == StreamStatus.ENDED) {
			return VideoState.ENDED;
		}
		if (session.isEmpty() || session.get().state() == EncoderSession.State.ENDED) {
			return VideoState.NO_VIDEO;
		}
		if (session.get().isConnected()) {
			return VideoState.CONNECTED;
		}
		return now.isBefore(session.get().disconnectedAt().plus(properties.reconnectGrace())) ? VideoState.RECONNECTING
				: VideoState.OFFLINE;
	}
}
