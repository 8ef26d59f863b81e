package io.livepulse.media;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * A camera publish through Janus's VideoRoom plugin: a private room of one publisher per publish, locked with a
 * secret derived from the hook secret (room creation and RTP forwarding need Janus's admin key, joining the room's
 * pin, so no one but LivePulse can use the plugin), the seller's SDP offer answered, and the publisher's audio and
 * video forwarded as RTP to ports on loopback, where ffmpeg turns them into the RTMP publish every encoder makes.
 */
@Component
class JanusVideoRoom {

	/** Payload types the forwarded RTP carries (what {@link WhipPublishes} describes to ffmpeg). */
	static final int AUDIO_PT = 111;
	static final int VIDEO_PT = 96;
	private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);
	/** Janus's room ids travel as JSON numbers: kept within a double's exact range. */
	private static final long ROOM_IDS = 1L << 50;

	private final SecureRandom random = new SecureRandom();
	private final JanusHttp janus;
	private final HookSecret secret;

	JanusVideoRoom(JanusHttp janus, HookSecret secret) {
		this.janus = janus;
		this.secret = secret;
	}

	/** A publish Janus took: its session (kept alive while it lasts), the room, and the answer for the browser. */
	record Publish(String session, String handle, long room, String answer) {
	}

	/** The offer's media sections: each m-line's kind and mid, in order. */
	record Section(String kind, String mid) {
	}

	Publish publish(String offer, List<Section> sections, int audioPort, int videoPort) {
		String session = janus.session();
		String handle = null;
		long room = 1 + Math.floorMod(random.nextLong(), ROOM_IDS - 1);
		boolean created = false;
		try {
			handle = janus.attach(session, "janus.plugin.videoroom");
			String roomSecret = roomSecret(room);
			Map<String, Object> create = new LinkedHashMap<>();
			create.put("request", "create");
			create.put("admin_key", secret.value());
			create.put("room", room);
			create.put("is_private", true);
			create.put("secret", roomSecret);
			create.put("pin", roomSecret);
			create.put("publishers", 1);
			create.put("audiocodec", "opus");
			create.put("videocodec", "vp8");
			// a keyframe request every second: ffmpeg starts and the media server cuts fragments on keyframes
			create.put("fir_freq", 1);
			create.put("permanent", false);
			JanusHttp.accepted(janus.message(handle, create), "create");
			created = true;

			JsonNode joined = janus.messageWithSdp(session, handle, Map.of("request", "joinandconfigure", "room", room,
					"ptype", "publisher", "pin", roomSecret, "display", "camera"), "offer", offer, ANSWER_WAIT);
			JsonNode data = joined.path("plugindata").path("data");
			JanusHttp.accepted(data, "joinandconfigure");
			String answer = joined.path("jsep").path("sdp").asString("");
			if (answer.isEmpty()) {
				throw new JanusHttp.Unavailable("Janus joined the camera without an answer", null);
			}
			List<Map<String, Object>> forwards = new ArrayList<>();
			for (Section section : sections) {
				boolean video = "video".equals(section.kind());
				forwards.add(Map.of("mid", section.mid(), "port", video ? videoPort : audioPort, "pt", video ? VIDEO_PT : AUDIO_PT));
			}
			JanusHttp.accepted(janus.message(handle, Map.of("request", "rtp_forward", "room", room, "publisher_id",
					data.path("id").asLong(), "host", "127.0.0.1", "secret", roomSecret, "admin_key", secret.value(),
					"streams", forwards)), "rtp_forward");
			return new Publish(session, handle, room, answer);
		}
		catch (RuntimeException failed) {
			// a room outlives its session: a refused offer must not leave one behind
			if (created) {
				end(new Publish(session, handle, room, ""));
			}
			else {
				janus.destroy(session);
			}
			throw failed;
		}
	}

	void keepAlive(Publish publish) {
		janus.keepAlive(publish.session());
	}

	/** Whether the camera still publishes in its room (asking keeps the session alive). */
	boolean hasCamera(Publish publish) {
		JsonNode participants = janus.message(publish.handle(), Map.of("request", "listparticipants", "room", publish.room(),
				"secret", roomSecret(publish.room())));
		for (JsonNode participant : participants.path("participants")) {
			if (participant.path("publisher").asBoolean(false)) {
				return true;
			}
		}
		return false;
	}

	/** Closes the room and the session (the browser's connection ends with them). */
	void end(Publish publish) {
		try {
			janus.message(publish.handle(), Map.of("request", "destroy", "room", publish.room(),
					"secret", roomSecret(publish.room()), "permanent", false));
		}
		catch (JanusHttp.Unavailable gone) {
			// the session timed out, or Janus restarted: the room went with it
		}
		janus.destroy(publish.session());
	}

	/** The room's secret and pin: derived, so only LivePulse knows them and needs to keep none. */
	private String roomSecret(long room) {
		return secret.derived("janus-room:" + room);
	}
}
