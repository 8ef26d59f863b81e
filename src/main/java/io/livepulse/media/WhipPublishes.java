package io.livepulse.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.livepulse.shared.ApiProblem;
import io.livepulse.stream.StreamEnded;

/**
 * Camera publishes (WHIP) on this node: for each, Janus's room ({@link JanusVideoRoom}) and the ffmpeg that turns its
 * RTP into an RTMP publish to the media server under a signed name ({@link WhipIngestNames}), so the stream goes
 * live, is recorded and replayed as from any encoder. A publish ends when the seller stops it, the stream ends,
 * ffmpeg exits, or Janus no longer has the camera (checked every {@link #CHECK_EVERY}, which keeps the session alive).
 */
@Component
class WhipPublishes implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(WhipPublishes.class);
	private static final SecureRandom RANDOM = new SecureRandom();
	private static final Duration CHECK_EVERY = Duration.ofSeconds(10);
	/** Janus lists the camera as a publisher once its connection is up: a new publish is not asked about before. */
	private static final Duration CONNECTING = Duration.ofSeconds(30);

	record Started(String id, String answer) {
	}

	private record Active(String id, long streamId, JanusVideoRoom.Publish publish, Process ffmpeg, Path sdp,
			long startedNanos) {
	}

	private final Map<String, Active> active = new ConcurrentHashMap<>();
	/** Streams whose camera publish is being set up (one at a time per stream). */
	private final Map<Long, Boolean> starting = new ConcurrentHashMap<>();
	private final JanusVideoRoom rooms;
	private final WhipIngestNames names;
	private final MediaProperties properties;
	private final Clock clock;

	WhipPublishes(JanusVideoRoom rooms, WhipIngestNames names, MediaProperties properties, Clock clock) {
		this.rooms = rooms;
		this.names = names;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::check, CHECK_EVERY);
	}

	/** Starts the camera publish of an offer whose sections {@link WhipOffers#sections} read. */
	Started start(long streamId, String offer, List<JanusVideoRoom.Section> sections) {
		if (starting.putIfAbsent(streamId, Boolean.TRUE) != null) {
			throw alreadyLive(streamId);
		}
		try {
			if (active.values().stream().anyMatch(publish -> publish.streamId() == streamId)) {
				throw alreadyLive(streamId);
			}
			return startReserved(streamId, offer, sections);
		}
		finally {
			starting.remove(streamId);
		}
	}

	private static ApiProblem alreadyLive(long streamId) {
		return ApiProblem.conflict("Stream %d is already live from a camera; stop that first.".formatted(streamId));
	}

	private Started startReserved(long streamId, String offer, List<JanusVideoRoom.Section> sections) {
		int audioPort = freeUdpPort();
		int videoPort = freeUdpPort();
		Path sdp = WhipOffers.ffmpegSdp(audioPort, videoPort);
		// listening before Janus forwards, so the first keyframe is not lost
		Process ffmpeg = startFfmpeg(sdp, names.mint(streamId, clock.instant()));
		JanusVideoRoom.Publish publish;
		try {
			publish = rooms.publish(offer, sections, audioPort, videoPort);
		}
		catch (RuntimeException failed) {
			ffmpeg.destroy();
			delete(sdp);
			if (!(failed instanceof JanusHttp.Unavailable)) {
				throw failed;
			}
			log.warn("Camera publish to stream {} failed: {}", streamId, failed.getMessage());
			throw ApiProblem.serviceUnavailable("The WebRTC media server is not available; go live with an encoder instead.");
		}
		String id = HexFormat.of().formatHex(randomBytes());
		active.put(id, new Active(id, streamId, publish, ffmpeg, sdp, System.nanoTime()));
		ffmpeg.onExit().thenRun(() -> end(id, "ffmpeg exited"));
		log.info("Stream {} publishing from a camera (WHIP)", streamId);
		return new Started(id, publish.answer());
	}

	/** Whether this node runs the publish, and it is the stream's. */
	boolean runs(long streamId, String id) {
		return Optional.ofNullable(active.get(id)).filter(publish -> publish.streamId() == streamId).isPresent();
	}

	void end(String id, String why) {
		Active ended = active.remove(id);
		if (ended == null) {
			return;
		}
		log.info("Stream {} camera publish ended: {}", ended.streamId(), why);
		ended.ffmpeg().destroy();
		rooms.end(ended.publish());
		delete(ended.sdp());
	}

	@EventListener
	void on(StreamEnded streamEnded) {
		List.copyOf(active.values()).stream().filter(publish -> publish.streamId() == streamEnded.streamId())
			.forEach(publish -> end(publish.id(), "the stream ended"));
	}

	void check() {
		for (Active publish : List.copyOf(active.values())) {
			try {
				boolean connecting = System.nanoTime() - publish.startedNanos() < CONNECTING.toNanos();
				if (connecting) {
					rooms.keepAlive(publish.publish());
				}
				else if (!rooms.hasCamera(publish.publish())) {
					end(publish.id(), "the camera left Janus");
				}
			}
			catch (JanusHttp.Unavailable gone) {
				end(publish.id(), "Janus is gone");
			}
		}
	}

	@PreDestroy
	void endAll() {
		List.copyOf(active.keySet()).forEach(id -> end(id, "the service stops"));
	}

	private Process startFfmpeg(Path sdp, String ingestName) {
		List<String> command = ffmpegCommand(sdp, properties.ingestUrl() + "/" + ingestName);
		try {
			// its errors would name the ingest URL: not kept
			return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		}
		catch (IOException failed) {
			delete(sdp);
			throw ApiProblem.serviceUnavailable("ffmpeg is not installed here; go live with an encoder instead.");
		}
	}

	/** ffmpeg reading the camera's RTP (as the SDP file describes it) and publishing it as FLV to {@code output}. */
	static List<String> ffmpegCommand(Path sdp, String output) {
		return List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file,udp,rtp", "-fflags",
				"+genpts", "-analyzeduration", "1000000", "-probesize", "1000000", "-i", sdp.toString(),
				// both streams always: left to choose, ffmpeg drops a video whose first keyframe came after its 1-s look
				// (a loaded machine, a slow camera) and sends sound only for the whole publish
				"-map", "0:v", "-map", "0:a", "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "25",
				"-keyint_min", "25", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-b:v", "2500k", "-maxrate", "2500k",
				"-bufsize", "2500k", "-c:a", "aac", "-ar", "44100", "-b:a", "128k", "-f", "flv", output);
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	static int freeUdpPort() {
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException failed) {
			throw new UncheckedIOException(failed);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ignored) {
			// a temporary file of a few lines
		}
	}
}
