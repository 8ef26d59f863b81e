package io.livepulse.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The keyframe interval read off a live playlist as nginx-rtmp writes it. */
class KeyframeIntervalsTests {

	@Test
	void theMedianFragmentOfThePlaylistIsTheIntervalHoweverLongTheFirstRan() {
		String playlist = """
				#EXTM3U
				#EXT-X-VERSION:3
				#EXT-X-MEDIA-SEQUENCE:12
				#EXT-X-TARGETDURATION:4
				#EXTINF:4.920,
				12.ts
				#EXTINF:3.960,
				13.ts
				#EXTINF:4.040,
				14.ts
				""";
		assertThat(KeyframeIntervals.medianFragment(playlist)).hasValue(4.0);
	}

	@Test
	void aPlaylistWithoutFragmentsYetHasNoInterval() {
		assertThat(KeyframeIntervals.medianFragment("#EXTM3U\n#EXT-X-TARGETDURATION:1\n")).isEmpty();
	}
}
