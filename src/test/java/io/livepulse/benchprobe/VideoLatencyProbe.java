package io.livepulse.benchprobe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import io.livepulse.support.ApiClient;

/**
 * Benchmark row 6 (bench/run.sh video), not a test: glass-to-glass latency of the live video as a viewer
 * sees it on the viewer page in headless Chromium. ffmpeg publishes frames that carry their own capture time
 * (a stripe of 24 black or white blocks, the milliseconds since its first frame, drawn into every frame);
 * the page reads the stripe of each frame it presents (requestVideoFrameCallback, a canvas) and compares it
 * with the wall clock. It also reports the time to the first frame, how far a viewer who joins late is from
 * one who was there from the start, and how far the Buy card of a pin appears from the frame of its
 * moment. Needs the service (dev profile, media hooks on) and the media server running on 127.0.0.1.
 *
 * <pre>
 * VideoLatencyProbe --base URL --rtmp rtmp://127.0.0.1:PORT/ingest --seconds S --out FILE [--mode webrtc|hls]
 * </pre>
 * In {@code hls} mode the pages have no WebRTC (as a browser without it), so they play HLS at once; in
 * {@code webrtc} mode (the default) the probe fails unless the pages play WebRTC. Figures are written as
 * {@code video.<name>} for HLS and {@code video.webrtc.<name>} for WebRTC.
 */
public final class VideoLatencyProbe {

	/** Presents frames to window.samples: [presentedAt, capturedMsSinceStart], read off the stripe. */
	private static final String SAMPLER = """
			() => {
			  window.samples = [];
			  const canvas = document.createElement('canvas');
			  canvas.width = 640; canvas.height = 360;
			  const context = canvas.getContext('2d', { willReadFrequently: true });
			  let watched = null;
			  const onFrame = (video) => (now, meta) => {
			    if (video !== watched) return;
			    context.drawImage(video, 0, 0, 640, 360);
			    const row = context.getImageData(0, 20, 480, 1).data;
			    let ms = 0;
			    for (let bit = 0; bit < 24; bit++) if (row[(bit * 20 + 10) * 4] > 128) ms += 2 ** bit;
			    window.samples.push([Date.now(), ms]);
			    video.requestVideoFrameCallback(onFrame(video));
			  };
			  // the player replaces its video element when it retries: follow whichever is on the page
			  setInterval(() => {
			    const video = document.querySelector('#player video');
			    if (video && video !== watched) { watched = video; video.requestVideoFrameCallback(onFrame(video)); }
			  }, 100);
			  new MutationObserver(() => {
			    const card = document.getElementById('pinned-card');
			    if (card && !card.hidden && !window.cardShownAt) {
			      window.cardShownAt = Date.now();
			      window.cardFrame = window.samples.length ? window.samples[window.samples.length - 1][1] : null;
			    }
			  }).observe(document.body, { attributes: true, subtree: true, attributeFilter: ['hidden'] });
			}""";

	private VideoLatencyProbe() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String base = options.get("base");
		String mode = options.getOrDefault("mode", "webrtc");
		String prefix = mode.equals("hls") ? "video." : "video.webrtc.";
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "40"));
		ApiClient api = new ApiClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
		String seller = api.token("seller-video-bench", "SELLER", 8_801L);
		long stream = api.post("/api/streams", seller, "{\"title\":\"Glass to glass\"}").json().get("id").asLong();
		long product = api.post("/api/products", seller, "{\"title\":\"Bench shoe\",\"priceMinor\":100,\"currency\":\"EUR\","
				+ "\"imageUrl\":\"https://shop.example.com/i.png\",\"productUrl\":\"https://shop.example.com/p\"}")
			.json().get("id").asLong();
		api.put("/api/streams/" + stream + "/showcase", seller, "{\"productIds\":[" + product + "]}");
		String key = api.get("/api/streams/" + stream + "/key", seller).json().get("streamKey").asString();

		try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
			.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
			Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
				.setExecutablePath(Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium")))
				.setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required")));
			Page early = viewerPage(browser, base, mode);
			early.navigate("/live/" + stream);
			early.evaluate(SAMPLER);

			long started = System.currentTimeMillis();
			Process encoder = publish(options.get("rtmp") + "/" + key, seconds + 5,
					Path.of(options.getOrDefault("encoder-log", "/dev/null")));
			try {
				waitFor(early, "window.samples.length > 0", 30_000);
				// the player says which it plays once its first frame is decoded, a moment after the sampler saw it
				waitFor(early, "document.getElementById('player').dataset.playbackMode !== undefined", 5_000);
				String played = (String) early.evaluate("() => document.getElementById('player').dataset.playbackMode");
				if (!mode.equals(played)) {
					throw new IllegalStateException("the page plays " + played + ", not " + mode + ": " + early.evaluate(PLAYER_STATE));
				}
				long firstFrameAfterStart = ((Number) early.evaluate("() => window.samples[0][0]")).longValue() - started;
				// ffmpeg reads its first frame once the media server accepted the publish, which is when the service
				// took the publish hook: frame time 0 is that moment (the hook's time, to the millisecond)
				long frameZero = java.time.Instant.parse(api.get("/api/streams/" + stream + "/media", seller).json()
					.get("connectedAt").asString()).toEpochMilli();

				sleepUntil(started + 12_000);
				long lateOpened = System.currentTimeMillis();
				Page late = viewerPage(browser, base, mode);
				late.navigate("/live/" + stream);
				late.evaluate(SAMPLER);
				waitFor(late, "window.samples.length > 0", 30_000);
				long lateFirstFrame = ((Number) late.evaluate("() => window.samples[0][0]")).longValue() - lateOpened;

				sleepUntil(started + 20_000);
				long pinnedAt = System.currentTimeMillis();
				api.post("/api/streams/" + stream + "/pin", seller, "{\"productId\":" + product + "}");
				waitFor(early, "window.cardShownAt !== undefined && window.cardFrame !== null", 15_000);
				long cardFrameCaptured = frameZero + ((Number) early.evaluate("() => window.cardFrame")).longValue();

				sleepUntil(started + seconds * 1000L);
				long measuredFrom = started + 10_000;
				double[] earlyLatencies = latencies(early, frameZero, measuredFrom);
				double[] lateLatencies = latencies(late, frameZero, lateOpened + 10_000);
				List<String> out = new ArrayList<>();
				out.add(prefix + "seconds=" + seconds);
				out.add(prefix + "frames=" + earlyLatencies.length);
				out.add(prefix + "publishAcceptedAfterSpawnMs=" + (frameZero - started));
				out.add(prefix + "g2gP50Ms=" + percentile(earlyLatencies, 50));
				out.add(prefix + "g2gP99Ms=" + percentile(earlyLatencies, 99));
				out.add(prefix + "g2gMaxMs=" + percentile(earlyLatencies, 100));
				out.add(prefix + "firstFrameAfterEncoderStartMs=" + firstFrameAfterStart);
				out.add(prefix + "lateJoinerFirstFrameMs=" + lateFirstFrame);
				out.add(prefix + "lateJoinerP50Ms=" + percentile(lateLatencies, 50));
				out.add(prefix + "lateJoinerGapMs=" + Math.abs(percentile(lateLatencies, 50) - percentile(earlyLatencies, 50)));
				out.add(prefix + "pinFrameOffsetMs=" + (cardFrameCaptured - pinnedAt));
				out.add(prefix + "pinShownAfterMs=" + (((Number) early.evaluate("() => window.cardShownAt")).longValue() - pinnedAt));
				Files.write(Path.of(options.get("out")), out, java.nio.file.StandardOpenOption.CREATE,
						java.nio.file.StandardOpenOption.APPEND);
				out.forEach(System.out::println);
			}
			finally {
				encoder.destroy();
				api.post("/api/streams/" + stream + "/end", seller, "{\"save\":false}");
			}
		}
	}

	private static Page viewerPage(Browser browser, String base, String mode) {
		Page page = browser.newContext(new Browser.NewContextOptions().setBaseURL(base)).newPage();
		if (mode.equals("hls")) {
			page.addInitScript("delete window.RTCPeerConnection;");
		}
		return page;
	}

	/**
	 * ffmpeg at the frame rate of a camera (-re paces the frames from the first one), 1-s keyframes, the stripe
	 * drawn from each frame's time: frame time + the moment the publish was accepted is its capture time.
	 */
	private static Process publish(String url, int seconds, Path log) throws IOException {
		String stripe = "[0:v]split[base][copy];[copy]crop=480:40:0:0,"
				+ "geq=lum='255*mod(floor(floor(T*1000)/pow(2\\,floor(X/20)))\\,2)':cb=128:cr=128[bits];"
				+ "[base][bits]overlay=0:0,format=yuv420p[v]";
		return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
				"color=c=gray:s=640x360:r=25", "-f", "lavfi", "-i", "sine=frequency=440", "-filter_complex", stripe, "-map",
				"[v]", "-map", "1:a", "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "25",
				"-keyint_min", "25", "-sc_threshold", "0", "-c:a", "aac", "-t", String.valueOf(seconds), "-f", "flv", url)
			.redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static double[] latencies(Page page, long frameZero, long from) {
		List<?> samples = (List<?>) page.evaluate("() => window.samples");
		return samples.stream().map(sample -> (List<?>) sample)
			.filter(sample -> ((Number) sample.get(0)).longValue() >= from)
			.mapToDouble(sample -> ((Number) sample.get(0)).longValue() - (frameZero + ((Number) sample.get(1)).longValue()))
			.toArray();
	}

	private static long percentile(double[] values, int percent) {
		if (values.length == 0) {
			return -1;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
		return Math.round(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
	}

	private static void waitFor(Page page, String condition, int timeoutMs) {
		try {
			page.waitForFunction("() => " + condition, null, new Page.WaitForFunctionOptions().setTimeout(timeoutMs));
		}
		catch (com.microsoft.playwright.TimeoutError timedOut) {
			throw new IllegalStateException("waited " + timeoutMs + " ms for " + condition + "; the player: "
					+ page.evaluate(PLAYER_STATE), timedOut);
		}
	}

	/** What the player shows, for a run that went wrong. */
	private static final String PLAYER_STATE = """
			() => { const v = document.querySelector('#player video');
			  return JSON.stringify({ state: document.getElementById('player').dataset.videoState,
			    mode: document.getElementById('player').dataset.playbackMode,
			    note: document.querySelector('#player .player-note')?.textContent,
			    video: v && { paused: v.paused, currentTime: v.currentTime, readyState: v.readyState, error: v.error?.code },
			    samples: window.samples?.length }); }""";

	private static void sleepUntil(long wallClockMs) throws InterruptedException {
		long wait = wallClockMs - System.currentTimeMillis();
		if (wait > 0) {
			Thread.sleep(wait);
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new java.util.HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		return options;
	}
}
