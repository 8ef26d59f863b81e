package io.livepulse.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.livepulse.media.VideoService;
import io.livepulse.playback.PlaybackEvidence.Refusal;
import io.livepulse.support.ShiftableClock;

/**
 * What counts as watching: the playlist and a whole new live segment of the stream's own video, fetched with the
 * viewer's token from the viewer's network, within the window; and what the log tells that does not count.
 */
class PlaybackEvidenceTests {

	static final String VIDEO = "0123456789abcdef0123456789abcdef";
	static final String OTHER_VIDEO = "fedcba9876543210fedcba9876543210";
	static final Duration WINDOW = Duration.ofSeconds(15);

	final ShiftableClock clock = new ShiftableClock();
	final PlaybackTokens tokens = PlaybackTokensTests.tokens();
	final java.util.List<Object> began = new java.util.ArrayList<>();
	PlaybackEvidence evidence;
	PlaybackTokens.Minted viewer;
	long now;

	@BeforeEach
	void setUp() {
		VideoService videos = mock(VideoService.class);
		when(videos.streamOfPlaybackId(VIDEO)).thenReturn(Optional.of(42L));
		when(videos.streamOfPlaybackId(OTHER_VIDEO)).thenReturn(Optional.of(43L));
		when(videos.streamOfPlaybackId("00000000000000000000000000000000")).thenReturn(Optional.empty());
		evidence = new PlaybackEvidence(tokens, new VideoStreams(videos),
				new WatchingBegan(began::add, new PlaybackProperties(true, WINDOW, Duration.ofMinutes(2), -1)), clock);
		now = clock.millis();
		viewer = tokens.mint(42, "d:viewer", "127.0.0.1", now);
	}

	private void fetch(String video, String token, String address, String file, long sent, long length, boolean complete) {
		evidence.take(PlaybackLogLine.parse("lp1 %d.%03d %s %s \"/hls/%s/%s\" 200 %d %d %s ua".formatted(now / 1000, now % 1000,
				address, token == null ? "-" : token, video, file, sent, length, complete ? "OK" : "-")).orElseThrow());
	}

	private void playlist() {
		fetch(VIDEO, viewer.token(), "127.0.0.1", "index.m3u8", 300, 300, true);
	}

	private void segment(long madeAt) {
		fetch(VIDEO, viewer.token(), "127.0.0.1", madeAt + ".ts", 50_000, 50_000, true);
	}

	private boolean watching() {
		return evidence.watching(42, viewer.viewerKey(), clock.millis(), WINDOW);
	}

	@Test
	void thePlaylistAndAWholeNewLiveSegmentMakeAViewerWatchingForTheWindow() {
		playlist();
		assertThat(watching()).as("the playlist alone").isFalse();
		segment(now - 1_000);
		assertThat(watching()).isTrue();
		clock.advance(WINDOW.plusSeconds(1));
		assertThat(watching()).as("nothing fetched since").isFalse();
	}

	@Test
	void segmentsAloneCutShortOldOrTheSameAgainDoNotCount() {
		segment(now - 1_000);
		assertThat(watching()).as("no playlist").isFalse();
		clock.advance(WINDOW.plusSeconds(1));
		now = clock.millis();
		playlist();
		fetch(VIDEO, viewer.token(), "127.0.0.1", (now - 500) + ".ts", 20_000, 50_000, false);
		fetch(VIDEO, viewer.token(), "127.0.0.1", (now - 60_000) + ".ts", 50_000, 50_000, true);
		assertThat(watching()).as("a partial segment and old ones").isFalse();
		assertThat(evidence.refusalsOf(42).counts()).containsKeys(Refusal.PARTIAL_SEGMENT, Refusal.OLD_SEGMENT);
	}

	@Test
	void aTokenUsedFromAnotherNetworkForAnotherStreamOrNoneGivesNothing() {
		fetch(VIDEO, viewer.token(), "127.0.5.1", "index.m3u8", 300, 300, true);
		fetch(VIDEO, viewer.token(), "127.0.5.1", (now - 1_000) + ".ts", 50_000, 50_000, true);
		fetch(OTHER_VIDEO, viewer.token(), "127.0.0.1", "index.m3u8", 300, 300, true);
		fetch(VIDEO, null, "127.0.0.1", "index.m3u8", 300, 300, true);
		fetch("00000000000000000000000000000000", viewer.token(), "127.0.0.1", "index.m3u8", 300, 300, true);
		assertThat(watching()).isFalse();
		assertThat(evidence.refusalsOf(42).counts().get(Refusal.TOKEN_NOT_VALID_HERE).get()).isEqualTo(2);
		assertThat(evidence.refusalsOf(42).counts().get(Refusal.NO_TOKEN).get()).isEqualTo(1);
		assertThat(evidence.refusalsOf(43).counts().get(Refusal.OTHER_STREAM).get()).isEqualTo(1);
		assertThat(evidence.refusalsOf(42).byAddress()).containsKey("127.0.5.1");
	}

	@Test
	void theSameSegmentFetchedOverAndOverKeepsNoOneWatching() {
		long made = now - 1_000;
		playlist();
		segment(made);
		clock.advance(Duration.ofSeconds(10));
		for (int i = 0; i < 5; i++) {
			playlist();
			segment(made);
		}
		assertThat(watching()).isTrue();
		clock.advance(Duration.ofSeconds(6));
		playlist();
		segment(made);
		assertThat(watching()).as("16 s since the last new segment").isFalse();
		assertThat(evidence.refusalsOf(42).counts().get(Refusal.REPEATED_SEGMENT).get()).isEqualTo(6);
	}

	@Test
	void goingBackToAnOlderSegmentIsNoNewOne() {
		playlist();
		segment(now - 1_000);
		segment(now - 2_000);
		assertThat(evidence.refusalsOf(42).counts().get(Refusal.REPEATED_SEGMENT).get()).isEqualTo(1);
		clock.advance(WINDOW.plusSeconds(1));
		playlist();
		segment(now - 3_000);
		segment(now - 1_000);
		assertThat(watching()).as("two segments fetched in turn, neither newer than the last").isFalse();
	}

	@Test
	void aWebRtcSessionCountsFromItsTokensNetworkAndWhereThatCannotBeJudgedFromTheHeartbeats() {
		PlaybackTokens.Minted atHome = tokens.mint(42, "d:home", "203.0.113.5", now);
		evidence.heartbeat(42, atHome.viewerKey(), "203.0.113.5", now);
		evidence.webRtc(atHome.token(), VIDEO, "198.51.100.7", false, now);
		assertThat(evidence.watching(42, atHome.viewerKey(), now, WINDOW)).as("a public peer on another network").isFalse();
		evidence.webRtc(atHome.token(), VIDEO, "203.0.113.77", false, now);
		assertThat(evidence.watching(42, atHome.viewerKey(), now, WINDOW)).as("a public peer on the token's /24").isTrue();

		PlaybackTokens.Minted relayed = tokens.mint(42, "d:relayed", "203.0.113.5", now);
		evidence.heartbeat(42, relayed.viewerKey(), "203.0.113.5", now);
		evidence.webRtc(relayed.token(), VIDEO, "192.0.2.200", true, now);
		assertThat(evidence.watching(42, relayed.viewerKey(), now, WINDOW)).as("through a TURN relay").isTrue();

		PlaybackTokens.Minted onLan = tokens.mint(42, "d:lan", "203.0.113.5", now);
		evidence.heartbeat(42, onLan.viewerKey(), "203.0.113.5", now);
		evidence.webRtc(onLan.token(), VIDEO, "10.1.2.3", false, now);
		assertThat(evidence.watching(42, onLan.viewerKey(), now, WINDOW)).as("a LAN peer").isTrue();

		PlaybackTokens.Minted never = tokens.mint(42, "d:never", "203.0.113.5", now);
		evidence.webRtc(never.token(), VIDEO, "203.0.113.5", false, now);
		assertThat(evidence.watching(42, never.viewerKey(), now, WINDOW)).as("no heartbeat of that viewer").isFalse();
		assertThat(evidence.refusalsOf(42).byAddress()).containsKey("198.51.100.7");
	}

	@Test
	void aWebRtcSessionCountsOnlyForTheStreamItsMountpointPlays() {
		PlaybackTokens.Minted minted = tokens.mint(42, "d:elsewhere", "203.0.113.5", now);
		evidence.heartbeat(42, minted.viewerKey(), "203.0.113.5", now);
		evidence.webRtc(minted.token(), null, "203.0.113.5", false, now);
		assertThat(evidence.watching(42, minted.viewerKey(), now, WINDOW)).as("a session whose mountpoint is not known yet").isFalse();
		evidence.webRtc(minted.token(), OTHER_VIDEO, "203.0.113.5", false, now);
		assertThat(evidence.watching(42, minted.viewerKey(), now, WINDOW)).as("pulling another stream's video").isFalse();
		assertThat(evidence.refusalsOf(42).counts().get(Refusal.OTHER_STREAM).get()).isEqualTo(1);
		evidence.webRtc(minted.token(), VIDEO, "203.0.113.5", false, now);
		assertThat(evidence.watching(42, minted.viewerKey(), now, WINDOW)).as("the token's own stream").isTrue();
	}

	@Test
	void aViewerTurnedAwayAtTheirLastHeartbeatIsToldOfOnceTheirPlayerHasFetchedEnough() {
		evidence.heartbeat(42, viewer.viewerKey(), "127.0.0.1", now).uncountedViewer = "d:viewer";
		playlist();
		assertThat(began).as("the playlist alone").isEmpty();
		segment(now - 1_000);
		assertThat(began).containsExactly(new ViewerBeganWatching(42, "d:viewer", "127.0.0.1"));
		segment(now - 500);
		assertThat(began).as("told once").hasSize(1);

		PlaybackTokens.Minted gone = tokens.mint(42, "d:gone", "127.0.0.1", now);
		evidence.heartbeat(42, gone.viewerKey(), "127.0.0.1", now).uncountedViewer = "d:gone";
		clock.advance(WatchingBegan.RECENT.plusSeconds(1));
		now = clock.millis();
		fetch(VIDEO, gone.token(), "127.0.0.1", "index.m3u8", 300, 300, true);
		fetch(VIDEO, gone.token(), "127.0.0.1", (now - 1_000) + ".ts", 50_000, 50_000, true);
		assertThat(began).as("a page not heard from lately is not told of").hasSize(1);

		PlaybackTokens.Minted leaving = tokens.mint(42, "d:leaving", "127.0.0.1", now);
		evidence.heartbeat(42, leaving.viewerKey(), "127.0.0.1", now).uncountedViewer = "d:leaving";
		evidence.left(42, leaving.viewerKey());
		fetch(VIDEO, leaving.token(), "127.0.0.1", "index.m3u8", 300, 300, true);
		fetch(VIDEO, leaving.token(), "127.0.0.1", (now - 800) + ".ts", 50_000, 50_000, true);
		assertThat(began).as("a viewer who left is not counted again by a segment still on its way").hasSize(1);
	}

	@Test
	void viewersSilentForMinutesAreForgotten() {
		playlist();
		segment(now - 1_000);
		evidence.forgetSilent(clock.millis() + Duration.ofMinutes(4).toMillis());
		assertThat(evidence.watchesOf(42)).isEmpty();
	}
}
