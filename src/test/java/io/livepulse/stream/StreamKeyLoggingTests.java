package io.livepulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.LogLevels;
import io.livepulse.support.TraceLoggingTest;

/**
 * Runs a whole lifecycle with web, security, JDBC and Tomcat logging at TRACE (parameter values and
 * header dumps included) and finds no key and no token, whole or truncated, in the output.
 */
@TraceLoggingTest
@ExtendWith(OutputCaptureExtension.class)
class StreamKeyLoggingTests {

	@LocalServerPort
	int port;

	@BeforeEach
	void theLogsAreAtTrace() {
		assertThat(LogLevels.atTrace()).as("the levels this class reads the logs at are on").isTrue();
	}

	@Test
	void noStreamKeyOrTokenAppearsInTheLogsOfAFullLifecycleAtTrace(CapturedOutput output) {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		List<String> keys = new ArrayList<>();

		var created = api.post("/api/streams", seller, "{\"title\":\"Log scan\"}").json();
		long id = created.get("id").asLong();
		keys.add(created.get("streamKey").asString());
		keys.add(api.get("/api/streams/" + id + "/key", seller).json().get("streamKey").asString());
		keys.add(api.post("/api/streams/" + id + "/key/rotate", seller, null).json().get("streamKey").asString());
		api.post("/api/streams/" + id + "/start", seller, null);
		api.post("/api/streams/" + id + "/key/rotate", seller, null);
		api.post("/api/streams/" + id + "/end", seller, "{\"save\":true}");
		api.get("/api/replays", seller);

		assertThat(output.getAll()).as("the capture saw the lifecycle").contains("Stream " + id + " is live")
			.contains("Stream " + id + " ended");
		assertThat(output.getAll()).doesNotContain(seller).doesNotContain(seller.substring(0, 24))
			.doesNotContain(seller.substring(seller.lastIndexOf('.') + 1));
		assertThat(keys).hasSize(3).allSatisfy(key -> {
			assertThat(key).startsWith("vendor_456_");
			assertThat(output.getAll()).doesNotContain(key);
			String secret = key.split("_", 4)[3];
			assertThat(secret).hasSizeGreaterThanOrEqualTo(22);
			assertThat(output.getAll()).doesNotContain(secret);
		});
	}

	@Test
	void noStreamKeyOrHookSecretAppearsInTheLogsOfTheMediaHooksAtTrace(CapturedOutput output) {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long id = api.post("/api/streams", seller, "{\"title\":\"Hook log scan\"}").json().get("id").asLong();
		String key = api.get("/api/streams/" + id + "/key", seller).json().get("streamKey").asString();
		String hookSecret = io.livepulse.support.NginxRtmp.HOOK_SECRET;
		String hooks = "/api/media/nginx-rtmp/";
		String form = "call=publish&app=ingest&addr=127.0.0.1&clientid=7&name=" + key;

		api.postForm(hooks + "publish?secret=" + hookSecret, form);
		api.postForm(hooks + "publish?secret=" + hookSecret, form.replace("clientid=7", "clientid=8"));
		api.postForm(hooks + "publish?secret=" + hookSecret, form.replace(key, key + "x"));
		api.postForm(hooks + "update?secret=" + hookSecret, form.replace("call=publish", "call=update_publish"));
		api.postForm(hooks + "publish-done?secret=" + hookSecret, form.replace("call=publish", "call=publish_done"));
		api.postForm(hooks + "publish?secret=wrong-" + hookSecret, form);
		api.post("/api/streams/" + id + "/end", seller, null);

		assertThat(output.getAll()).as("the capture saw the hooks").contains("Stream " + id + " video connected")
			.contains("Stream " + id + " video dropped");
		assertThat(output.getAll()).doesNotContain(key).doesNotContain(key.split("_", 4)[3]).doesNotContain(hookSecret);
	}
}
