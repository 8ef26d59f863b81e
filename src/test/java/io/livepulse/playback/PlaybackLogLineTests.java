package io.livepulse.playback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The delivery log's lines as nginx sends them over syslog, and what is not one. */
class PlaybackLogLineTests {

	static final String PID = "0123456789abcdef0123456789abcdef";

	@Test
	void anNginxSyslogDatagramIsReadFieldByField() {
		PlaybackLogLine line = PlaybackLogLine.parse("<190>Dec  7 00:10:00 livepulse: lp1 1800000000.123 127.0.0.9 "
				+ "42.1800000120.abcdefghijklmnop.abcdefghijklmnopqrstuv \"/hls/" + PID + "/1800000000000.ts\" 200 51234 51234 OK "
				+ "Mozilla/5.0 (X11; Linux x86_64) Chrome/131").orElseThrow();
		assertThat(line.atMillis()).isEqualTo(1_800_000_000_123L);
		assertThat(line.address()).isEqualTo("127.0.0.9");
		assertThat(line.token()).startsWith("42.");
		assertThat(line.playbackId()).isEqualTo(PID);
		assertThat(line.file()).isEqualTo("1800000000000.ts");
		assertThat(line.isSegment()).isTrue();
		assertThat(line.servedWhole()).isTrue();
		assertThat(line.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64) Chrome/131");
	}

	@Test
	void aSegmentCutShortOrARangeOrWithoutItsLengthIsNotServedWhole() {
		assertThat(parse(PID + "/1.ts", "200 1000 51234 -").servedWhole()).isFalse();
		assertThat(parse(PID + "/1.ts", "200 51234 51234 -").servedWhole()).as("not completed").isFalse();
		assertThat(parse(PID + "/1.ts", "206 51234 51234 OK").servedWhole()).isFalse();
		assertThat(parse(PID + "/1.ts", "200 51234 - OK").servedWhole()).isFalse();
		assertThat(parse(PID + "/index.m3u8", "200 300 300 OK").isPlaylist()).isTrue();
		assertThat(parse(PID + "/index.m3u8", "200 300 300 OK").token()).isNull();
	}

	@Test
	void aPathThatSpellsOutMoreFieldsIsNoLine() {
		// nginx logs the path decoded: /hls/<id>/x%20200%2099%2099%20OK answered 404 must not read as a whole segment
		assertThat(PlaybackLogLine.parse("lp1 1.0 127.0.0.1 - \"/hls/" + PID + "/x 200 99 99 OK\" 404 153 153 OK ua")).isEmpty();
		assertThat(PlaybackLogLine.parse("lp1 1.0 127.0.0.1 - /hls/" + PID + "/1.ts 200 99 99 OK ua")).as("an unquoted path").isEmpty();
		assertThat(PlaybackLogLine.parse("lp1 1.0 127.0.0.1 - \"/hls/" + PID + "/1.ts 200 99 99 OK ua")).as("unclosed").isEmpty();
	}

	@Test
	void aLineRelayedToAnotherNodeReadsTheSameThereWithoutItsUserAgent() {
		PlaybackLogLine line = parse(PID + "/1800000000000.ts", "200 51234 51234 OK");
		PlaybackLogLine relayed = PlaybackLogLine.parse(line.withoutUserAgent()).orElseThrow();
		assertThat(relayed).isEqualTo(new PlaybackLogLine(line.atMillis(), line.address(), line.token(), PID,
				"1800000000000.ts", 200, 51234, 51234, true, ""));
	}

	@Test
	void garbageAndPathsWithoutAPlaybackIdAreNoLine() {
		assertThat(PlaybackLogLine.parse("")).isEmpty();
		assertThat(PlaybackLogLine.parse("lp1 nonsense")).isEmpty();
		assertThat(PlaybackLogLine.parse("lp1 1.0 127.0.0.1 - \"/hls/index.m3u8\" 200 3 3 OK ua")).isEmpty();
		assertThat(PlaybackLogLine.parse("lp1 1.0 127.0.0.1 - \"/hls/NOTHEX/index.m3u8\" 200 3 3 OK ua")).isEmpty();
		assertThat(PlaybackLogLine.parse("lp1 1.0 127.0.0.1 - \"/hls/" + PID + "/a;b.ts\" 200 3 3 OK ua")).isEmpty();
		assertThat(PlaybackLogLine.parse("lp1 x 127.0.0.1 - \"/hls/" + PID + "/1.ts\" 200 3 3 OK ua")).isEmpty();
		assertThat(PlaybackLogLine.parse("lp1 1.0 127.0.0.1 - \"/hls/" + PID + "/1.ts\" 200 3 3 OK " + "x".repeat(3_000))).isEmpty();
	}

	private static PlaybackLogLine parse(String idAndFile, String answer) {
		return PlaybackLogLine.parse("lp1 1800000000.000 127.0.0.1 - \"/hls/" + idAndFile + "\" " + answer + " ua").orElseThrow();
	}
}
