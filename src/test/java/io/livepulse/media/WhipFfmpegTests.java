package io.livepulse.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.livepulse.support.NginxRtmp;
import io.livepulse.support.TestGroups;

/**
 * The ffmpeg a camera publish runs (WhipPublishes), fed RTP as Janus forwards it: a camera whose first video keyframe
 * comes seconds after its sound (a loaded machine, a slow camera) is still published with its picture. Left to choose
 * its streams, ffmpeg dropped such a video after its 1-s look and sent sound only for the whole publish.
 */
@Tag(TestGroups.MEDIA)
class WhipFfmpegTests {

	@Test
	void aCameraWhosePictureComesSecondsAfterItsSoundIsPublishedWithItsPicture() throws Exception {
		NginxRtmp.requireTools();
		int audioPort = WhipPublishes.freeUdpPort();
		int videoPort = WhipPublishes.freeUdpPort();
		Path sdp = WhipOffers.ffmpegSdp(audioPort, videoPort);
		Path published = Files.createTempFile("livepulse-camera-", ".flv");
		List<String> command = new ArrayList<>(WhipPublishes.ffmpegCommand(sdp, published.toString()));
		command.add(1, "-y");
		Process camera = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		Process sound = send("sine=frequency=440", "libopus", JanusVideoRoom.AUDIO_PT, audioPort);
		try {
			Thread.sleep(3_000); // the picture's first keyframe after ffmpeg's 1-s look at its input
			Process picture = send("testsrc=size=320x240:rate=25", "libvpx", JanusVideoRoom.VIDEO_PT, videoPort);
			picture.waitFor(20, TimeUnit.SECONDS);
		}
		finally {
			sound.destroy();
			camera.destroy();
			camera.waitFor(10, TimeUnit.SECONDS);
			Files.deleteIfExists(sdp);
		}
		Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,width", "-of", "csv=p=0",
				published.toString()).redirectErrorStream(true).start();
		String streams = new String(probe.getInputStream().readAllBytes()).trim();
		probe.waitFor(10, TimeUnit.SECONDS);
		Files.deleteIfExists(published);
		assertThat(streams.lines()).as("the published streams").contains("video,320", "audio");
	}

	/** ffmpeg sending a test source as RTP to the port for 5 s, as Janus forwards a camera's stream. */
	private static Process send(String source, String codec, int payloadType, int port) throws Exception {
		return new ProcessBuilder(NginxRtmp.FFMPEG.toString(), "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
				source, "-t", "5", "-c", codec, "-deadline", "realtime", "-g", "25", "-payload_type", String.valueOf(payloadType),
				"-f", "rtp", "rtp://127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
	}
}
