package io.livepulse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.LogLevels;
import io.livepulse.support.TraceLoggingTest;

/**
 * Through the real logging setup (logback-spring.xml) with web logging at TRACE, where request details
 * are dumped: a line break or line separator a client sends, in a JSON field name, a query parameter or
 * an exception message, is written escaped and never starts a forged log line.
 */
@TraceLoggingTest
@ExtendWith(OutputCaptureExtension.class)
class LogInjectionTests {

	@LocalServerPort
	int port;

	@BeforeEach
	void theLogsAreAtTrace() {
		assertThat(LogLevels.atTrace()).as("the levels this class reads the logs at are on").isTrue();
	}

	/** The output's lines as a log reader would split them, also at U+2028, U+2029 and NEL. */
	private static List<String> lines(CapturedOutput output) {
		return Arrays.asList(output.getAll().split("\r\n|[\n\r\u2028\u2029\u0085]"));
	}

	@Test
	void aNewlineInAnUnknownJsonFieldNameOrTheAdminSortParameterNeverStartsALogLine(CapturedOutput output) {
		ApiClient api = new ApiClient(port);
		String admin = api.token("admin", "ADMIN", null);

		Response unknownField = api.put("/api/admin/blocked-terms", admin,
				"{\"terms\":[],\"x\\n2026-12-06T10:00:00.000Z ERROR FORGED-FIELD\\u2028FORGED-SEPARATOR\":1}");
		Response badSort = api.get("/api/admin/streams?sort=id%0D%0A2026-12-06T10:00:00.000Z%20ERROR%20FORGED-SORT", admin);

		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(unknownField.isProblem()).isTrue();
		assertThat(badSort.status()).isEqualTo(400);
		assertThat(badSort.isProblem()).isTrue();
		assertThat(output.getAll()).as("the client's text was logged, escaped")
			.contains("\\n2026-12-06T10:00:00.000Z ERROR FORGED-FIELD\\u2028FORGED-SEPARATOR")
			.contains("id\\r\\n2026-12-06T10:00:00.000Z ERROR FORGED-SORT");
		assertThat(lines(output)).noneMatch(line -> line.startsWith("2026-12-06T10:00:00.000Z"))
			.noneMatch(line -> line.startsWith("FORGED"));
	}

	@Test
	void anExceptionKeepsItsStackLinesButItsMessagesCannotAddOneNorShowAKey(CapturedOutput output) {
		IllegalStateException thrown = new IllegalStateException("bad\nFORGED-MESSAGE",
				new IllegalArgumentException("cause\r\nFORGED-CAUSE, duplicate key vendor_456_1_AbCdEfGhIjKlMnOpQrStUv"));
		thrown.addSuppressed(new RuntimeException("suppressed\u2028FORGED-SUPPRESSED"));

		LoggerFactory.getLogger(LogInjectionTests.class).warn("sent {}", "a\r\nFORGED-ARGUMENT\u001B[31m", thrown);

		assertThat(output.getAll()).contains("sent a\\r\\nFORGED-ARGUMENT\\u001B[31m")
			.contains("java.lang.IllegalStateException: bad\\nFORGED-MESSAGE")
			.contains("java.lang.IllegalArgumentException: cause\\r\\nFORGED-CAUSE, duplicate key vendor_456_1_[redacted]")
			.contains("java.lang.RuntimeException: suppressed\\u2028FORGED-SUPPRESSED")
			.as("exception text is redacted too").doesNotContain("AbCdEfGhIjKlMnOpQrStUv");
		assertThat(lines(output)).noneMatch(line -> line.startsWith("FORGED"))
			.anyMatch(line -> line.startsWith("\tat io.livepulse.shared.LogInjectionTests."))
			.anyMatch(line -> line.startsWith("Caused by: java.lang.IllegalArgumentException"));
	}
}
