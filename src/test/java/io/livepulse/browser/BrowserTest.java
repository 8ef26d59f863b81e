package io.livepulse.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.Databases;

/**
 * A browser test: the service on a random port over its own fresh H2 database (closed after the class,
 * so no class sees another's streams or settings), and one Chromium for the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class BrowserTest {

	@LocalServerPort
	int port;

	BrowserSupport browsers;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}

	@BeforeAll
	void startBrowser() {
		browsers = new BrowserSupport();
	}

	@AfterAll
	void stopBrowser() {
		browsers.close();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port;
	}
}
