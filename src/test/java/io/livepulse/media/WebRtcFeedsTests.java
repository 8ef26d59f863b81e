package io.livepulse.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** With WebRTC turned off the feed hook hands out no mountpoint (204) and never calls Janus. */
class WebRtcFeedsTests {

	@Test
	void withWebRtcOffNoMountpointIsMadeAndJanusIsNotAsked() {
		MediaProperties off = new Binder(new MapConfigurationPropertySource(Map.of("livepulse.media.webrtc.enabled", "false")))
			.bindOrCreate("livepulse.media", MediaProperties.class);
		// no Janus client, repository or streams: a call into any of them would fail the test
		WebRtcFeeds feeds = new WebRtcFeeds(null, null, null, off);
		try {
			assertThat(feeds.feed("0123456789abcdef0123456789abcdef")).isEmpty();
			feeds.on(new VideoStateChanged(1, VideoState.RECONNECTING));
		}
		finally {
			feeds.close();
		}
	}
}
