package io.livepulse.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * The page's hold of what happens in the show (videomoment.js) against a video clock the test sets: a pin waits for
 * its frame, also while the video that just played is finding its place again (hls.js recovering, a switch to HLS),
 * and shows at once on a page whose video is gone. Once a pin showed at once during such a restart, seconds before
 * the frame it belongs to ({@code VideoMomentBrowserTests} runs the real video).
 */
class VideoMomentHoldBrowserTests extends BrowserTest {

	@Test
	void aPinWaitsForItsFrameWhileTheVideosClockComesBackAndShowsAtOnceWithoutAVideo() {
		try (BrowserContext context = browsers.laptop(baseUrl()); Page page = context.newPage()) {
			page.navigate("/signin");
			@SuppressWarnings("unchecked")
			Map<String, List<String>> shown = (Map<String, List<String>>) page.evaluate("""
					async () => {
					  const { createVideoMoment } = %s;
					  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
					  const until = async (done) => { for (let i = 0; i < 100 && !done(); i++) await pause(50); };
					  let clock = null;
					  let coming = true;
					  const shown = [];
					  const moment = createVideoMoment(() => clock, () => coming);
					  const pinnedAt = Date.now();
					  moment.when(pinnedAt + 1_000, () => shown.push('pin'));
					  await pause(300);
					  const whileTheClockComesBack = [...shown];
					  clock = pinnedAt + 500;
					  await pause(300);
					  const halfASecondBeforeItsFrame = [...shown];
					  clock = pinnedAt + 1_000;
					  await until(() => shown.length > 0);
					  const atItsFrame = [...shown];
					  clock = null;
					  coming = false;
					  moment.when(pinnedAt + 60_000, () => shown.push('chat'));
					  return { whileTheClockComesBack, halfASecondBeforeItsFrame, atItsFrame, withoutAVideo: [...shown] };
					}""".formatted(BrowserSupport.importModule("videomoment.js")));
			assertThat(shown.get("whileTheClockComesBack")).as("held while the video finds its place").isEmpty();
			assertThat(shown.get("halfASecondBeforeItsFrame")).as("held until its frame").isEmpty();
			assertThat(shown.get("atItsFrame")).containsExactly("pin");
			assertThat(shown.get("withoutAVideo")).as("nothing to wait for").containsExactly("pin", "chat");
		}
	}

	/** What the player asks when its video has no frame time for a moment: is it coming back, or gone? */
	@Test
	void aVideoTimeComesBackOnlyForAWantedUnpausedVideoThatPlayedMomentsAgo() {
		try (BrowserContext context = browsers.laptop(baseUrl()); Page page = context.newPage()) {
			page.navigate("/signin");
			@SuppressWarnings("unchecked")
			Map<String, Boolean> comingBack = (Map<String, Boolean>) page.evaluate("""
					async () => {
					  const { clockComingBack } = %s;
					  const now = 1_000_000;
					  return {
					    restarting: clockComingBack({ wanted: true, viewerPaused: false, knownAt: now - 1_000 }, now),
					    goneForLong: clockComingBack({ wanted: true, viewerPaused: false, knownAt: now - 6_000 }, now),
					    pausedByTheViewer: clockComingBack({ wanted: true, viewerPaused: true, knownAt: now - 1_000 }, now),
					    noLongerLive: clockComingBack({ wanted: false, viewerPaused: false, knownAt: now - 1_000 }, now),
					    neverPlayed: clockComingBack({ wanted: true, viewerPaused: false, knownAt: 0 }, now),
					  };
					}""".formatted(BrowserSupport.importModule("videomoment.js")));
			assertThat(comingBack).containsExactlyInAnyOrderEntriesOf(Map.of("restarting", true, "goneForLong", false,
					"pausedByTheViewer", false, "noLongerLive", false, "neverPlayed", false));
		}
	}
}
