package io.livepulse.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.NginxRtmp;
import io.livepulse.support.RealVideoTest;
import io.livepulse.support.TestGroups;

/** Real video in a real Chromium: the class's own nginx-rtmp beside the service, and the run's one Chromium. */
@Tag(TestGroups.BROWSER)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealVideoBrowserTest extends RealVideoTest {

	@LocalServerPort
	int port;

	BrowserSupport browsers;
	NginxRtmp nginx;

	@BeforeAll
	void startMediaServerAndBrowser() {
		nginx = NginxRtmp.start(port, RTMP_PORT, HTTP_PORT, PLAYBACK_LOG_PORT);
		browsers = BrowserSupport.shared();
	}

	@AfterAll
	void stopMediaServer() {
		nginx.close();
	}
}
