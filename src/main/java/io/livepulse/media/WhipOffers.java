package io.livepulse.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.livepulse.shared.ApiProblem;

/** A camera's SDP offer as a WHIP client posts it, and the SDP ffmpeg reads Janus's forwarded RTP by. */
final class WhipOffers {

	private static final Pattern MID = Pattern.compile("[0-9A-Za-z_-]{1,32}");

	private WhipOffers() {
	}

	/**
	 * The offer's audio and video sections in order, each with its mid; a 400 problem unless it is an SDP offer with
	 * one video section (audio is optional) that sends.
	 */
	static List<JanusVideoRoom.Section> sections(String offer) {
		if (offer == null || !offer.startsWith("v=0")) {
			throw ApiProblem.badRequest("The body must be an SDP offer (application/sdp, starting with v=0).");
		}
		List<JanusVideoRoom.Section> sections = new ArrayList<>();
		String kind = null;
		String mid = null;
		for (String line : offer.lines().toList()) {
			if (line.startsWith("m=")) {
				kind = line.startsWith("m=audio ") ? "audio" : line.startsWith("m=video ") ? "video" : "other";
				mid = null;
			}
			else if (line.startsWith("a=mid:") && kind != null && !"other".equals(kind)) {
				if (mid != null) {
					throw ApiProblem.badRequest("Each media section of the offer has one id (a=mid).");
				}
				mid = line.substring("a=mid:".length()).strip();
				if (!MID.matcher(mid).matches()) {
					throw ApiProblem.badRequest("The offer's media section ids (a=mid) must be short names.");
				}
				sections.add(new JanusVideoRoom.Section(kind, mid));
			}
			else if ("video".equals(kind) && (line.equals("a=recvonly") || line.equals("a=inactive"))) {
				throw ApiProblem.badRequest("The offer's video must be sent (sendonly), not received.");
			}
		}
		long videos = sections.stream().filter(section -> "video".equals(section.kind())).count();
		long audios = sections.size() - videos;
		if (videos != 1 || audios > 1) {
			throw ApiProblem.badRequest("The offer must send one video track (from the camera) and at most one audio track.");
		}
		return List.copyOf(sections);
	}

	/** A temporary SDP file describing the forwarded RTP (Opus and VP8 on loopback) for ffmpeg. */
	static Path ffmpegSdp(int audioPort, int videoPort) {
		String sdp = """
				v=0
				o=- 0 0 IN IP4 127.0.0.1
				s=LivePulse camera
				c=IN IP4 127.0.0.1
				t=0 0
				m=audio %d RTP/AVP %d
				a=rtpmap:%d opus/48000/2
				m=video %d RTP/AVP %d
				a=rtpmap:%d VP8/90000
				""".formatted(audioPort, JanusVideoRoom.AUDIO_PT, JanusVideoRoom.AUDIO_PT, videoPort, JanusVideoRoom.VIDEO_PT,
				JanusVideoRoom.VIDEO_PT);
		try {
			Path file = Files.createTempFile("livepulse-camera-", ".sdp");
			Files.writeString(file, sdp);
			return file;
		}
		catch (IOException failed) {
			throw new UncheckedIOException(failed);
		}
	}
}
