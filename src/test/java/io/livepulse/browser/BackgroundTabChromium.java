package io.livepulse.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Chromium of its own, driven over the DevTools protocol directly, where a tab that is not the active one is
 * hidden and throttled as on a desktop. Playwright cannot show that: it keeps every page it drives visible (its
 * focus emulation counts as a screen capture) and launches Chromium with background throttling off. Chrome's
 * intensive throttling (timers woken once a minute) starts after 5 minutes in the background; {@code graceSeconds}
 * shortens that wait so a test can see it.
 */
final class BackgroundTabChromium implements AutoCloseable {

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path profile;
	private final Process process;
	private final WebSocket socket;
	private final AtomicLong ids = new AtomicLong();
	private final Map<Long, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

	BackgroundTabChromium(int graceSeconds) throws IOException, InterruptedException {
		profile = Files.createTempDirectory("lp-background-tab");
		process = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-quic", "--autoplay-policy=no-user-gesture-required", "--remote-debugging-port=0",
				"--user-data-dir=" + profile, "--enable-features=IntensiveWakeUpThrottling:grace_period_seconds/" + graceSeconds,
				"about:blank"))
			.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		socket = HttpClient.newHttpClient().newWebSocketBuilder()
			.buildAsync(URI.create(debuggerAddress()), new Answers()).join();
	}

	/** Opens a tab in the browser's one window, which becomes the active tab. */
	Tab open(String url) {
		String target = send("Target.createTarget", Map.of("url", url, "newWindow", false), null).get("targetId").asString();
		String session = send("Target.attachToTarget", Map.of("targetId", target, "flatten", true), null).get("sessionId").asString();
		return new Tab(target, session);
	}

	final class Tab {

		private final String target;
		private final String session;

		private Tab(String target, String session) {
			this.target = target;
			this.session = session;
		}

		/** The value of a JavaScript expression in the tab (awaited when it is a promise), as JSON. */
		JsonNode evaluate(String expression) {
			JsonNode result = send("Runtime.evaluate",
					Map.of("expression", expression, "returnByValue", true, "awaitPromise", true), session);
			if (result.has("exceptionDetails")) {
				throw new IllegalStateException("The tab threw: " + result.get("exceptionDetails"));
			}
			return result.path("result").path("value");
		}

		void activate() {
			send("Target.activateTarget", Map.of("targetId", target), null);
		}
	}

	private JsonNode send(String method, Map<String, Object> params, String session) {
		long id = ids.incrementAndGet();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		answers.put(id, answer);
		Map<String, Object> message = session == null ? Map.of("id", id, "method", method, "params", params)
				: Map.of("id", id, "method", method, "params", params, "sessionId", session);
		socket.sendText(JSON.writeValueAsString(message), true).join();
		JsonNode reply = answer.orTimeout(15, TimeUnit.SECONDS).join();
		if (reply.has("error")) {
			throw new IllegalStateException(method + " failed: " + reply.get("error"));
		}
		return reply.get("result");
	}

	private String debuggerAddress() throws IOException, InterruptedException {
		Path activePort = profile.resolve("DevToolsActivePort");
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (!Files.exists(activePort) || Files.readAllLines(activePort).size() < 2) {
			if (System.nanoTime() > deadline || !process.isAlive()) {
				throw new IllegalStateException(CHROMIUM + " did not open its DevTools port");
			}
			Thread.sleep(50);
		}
		List<String> lines = Files.readAllLines(activePort);
		return "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim();
	}

	/** Collects each message's parts and completes the call it answers; events are not needed here. */
	private final class Answers implements WebSocket.Listener {

		private final StringBuilder parts = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			parts.append(data);
			if (last) {
				JsonNode message = JSON.readTree(parts.toString());
				parts.setLength(0);
				if (message.has("id")) {
					CompletableFuture<JsonNode> answer = answers.remove(message.get("id").asLong());
					if (answer != null) {
						answer.complete(message);
					}
				}
			}
			webSocket.request(1);
			return null;
		}
	}

	@Override
	public void close() throws IOException, InterruptedException {
		socket.abort();
		process.destroy();
		if (!process.waitFor(5, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
		try (var files = Files.walk(profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}
}
