package io.livepulse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real nginx with nginx-rtmp, run from the shipped template {@code media/nginx-rtmp.conf} on free
 * loopback ports in its own prefix directory, in the foreground as a child process. Missing tools fail
 * the test with what to install; they never skip it.
 */
public final class NginxRtmp implements AutoCloseable {

	public static final Path NGINX = Path.of("/usr/sbin/nginx");
	public static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");
	public static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
	/** The hook secret every test context runs with (src/test/resources/application.properties). */
	public static final String HOOK_SECRET = "test-media-hook-secret-0123456789";

	private final Path prefix;
	private final int rtmpPort;
	private final int httpPort;
	private final Process process;

	private NginxRtmp(Path prefix, int rtmpPort, int httpPort, Process process) {
		this.prefix = prefix;
		this.rtmpPort = rtmpPort;
		this.httpPort = httpPort;
		this.process = process;
	}

	public static void requireTools() {
		List<String> missing = new ArrayList<>();
		if (!Files.isExecutable(NGINX)) {
			missing.add("nginx");
		}
		if (!Files.exists(MODULE)) {
			missing.add("libnginx-mod-rtmp");
		}
		if (!Files.isExecutable(FFMPEG)) {
			missing.add("ffmpeg");
		}
		if (!Files.isExecutable(Path.of("/usr/bin/curl"))) {
			missing.add("curl");
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException("Missing " + missing + ": run 'apt-get install -y " + String.join(" ", missing)
					+ "' (bin/test does this as root).");
		}
	}

	/** Points the service at a media server whose HTTP side (HLS, recordings, stat, control) is on this port. */
	public static void useIn(DynamicPropertyRegistry registry, int httpPort) {
		String base = "http://127.0.0.1:" + httpPort;
		registry.add("livepulse.media.hls-base-url", () -> base + "/hls");
		registry.add("livepulse.media.recordings-base-url", () -> base + "/recordings");
		registry.add("livepulse.media.thumbnails-base-url", () -> base + "/thumbs");
		registry.add("livepulse.media.nginx-rtmp.stat-url", () -> base + "/stat");
		registry.add("livepulse.media.nginx-rtmp.control-url", () -> base + "/control");
		registry.add("livepulse.media.nginx-rtmp.stat-interval", () -> "1s");
	}

	/** Starts nginx-rtmp on the given ports with its hooks pointing at the service on {@code servicePort}. */
	public static NginxRtmp start(int servicePort, int rtmpPort, int httpPort) {
		return start(servicePort, rtmpPort, httpPort, -1);
	}

	/** The same, its HLS delivery log sent to the service on this UDP port (-1: not sent). */
	public static NginxRtmp start(int servicePort, int rtmpPort, int httpPort, int playbackLogPort) {
		requireTools();
		ChildProcesses.awaitFree(Duration.ofSeconds(10), rtmpPort, httpPort);
		try {
			Path prefix = Files.createTempDirectory("livepulse-media");
			for (String directory : List.of("logs", "hls", "recordings", "thumbs", "tmp")) {
				Files.createDirectories(prefix.resolve(directory));
			}
			String config = Files.readString(Path.of("media/nginx-rtmp.conf"))
				.replace("@MODULE@", MODULE.toString())
				.replace("@PREFIX@", prefix.toString())
				.replace("@RTMP_PORT@", String.valueOf(rtmpPort))
				.replace("@HTTP_PORT@", String.valueOf(httpPort))
				.replace("@HOOK_BASE@", "http://127.0.0.1:" + servicePort + "/api/media/nginx-rtmp")
				.replace("@HOOK_SECRET@", HOOK_SECRET)
				.replace("@RECORD_DONE@", Path.of("media/record-done.sh").toAbsolutePath().toString())
				.replace("@THUMBNAIL@", Path.of("media/thumbnail.sh").toAbsolutePath().toString())
				.replace("@WEBRTC_FEED@", Path.of("media/webrtc-feed.sh").toAbsolutePath().toString())
				.replace("@PLAYBACK_LOG@", playbackLogPort < 0 ? ""
						: "access_log syslog:server=127.0.0.1:" + playbackLogPort + ",tag=livepulse,nohostname livepulse_playback;");
			Path file = prefix.resolve("nginx-rtmp.conf");
			Files.writeString(file, config);
			// read by media/webrtc-feed.sh, as bin/media writes it
			Files.writeString(prefix.resolve("hook-secret"), HOOK_SECRET);
			// as root, nginx would run its worker as nobody, who cannot write into this temporary prefix
			String globals = "daemon off;" + ("root".equals(System.getProperty("user.name")) ? " user root;" : "");
			Process process = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-c", file.toString(), "-g",
					globals)
				.redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
			NginxRtmp nginx = new NginxRtmp(prefix, rtmpPort, httpPort, process);
			nginx.awaitListening();
			return nginx;
		}
		catch (IOException failed) {
			throw new UncheckedIOException(failed);
		}
	}

	public String ingestUrl() {
		return "rtmp://127.0.0.1:" + rtmpPort + "/ingest";
	}

	public String httpBase() {
		return "http://127.0.0.1:" + httpPort;
	}

	public Path prefix() {
		return prefix;
	}

	/**
	 * Every file under the prefix whose name or content contains the text, but the two that hold the hook secret on
	 * purpose (the config, and the secret file the WebRTC feed reads).
	 */
	public List<Path> filesMentioning(String text) throws IOException {
		List<Path> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(prefix)) {
			for (Path path : files.filter(Files::isRegularFile).toList()) {
				if (path.toString().contains(text) || (!List.of("nginx-rtmp.conf", "hook-secret").contains(path.getFileName().toString())
						&& new String(Files.readAllBytes(path), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text))) {
					found.add(path);
				}
			}
		}
		return found;
	}

	/** ffmpeg publishing a test picture and tone for the given seconds. */
	public Process publish(String key, int seconds) throws IOException {
		return publish(key, seconds, 25);
	}

	/** A publish whose keyframes come every {@code keyframeEvery} frames (25 frames a second). */
	public Process publish(String key, int seconds, int keyframeEvery) throws IOException {
		return encode(key, seconds, keyframeEvery,
				List.of("-re", "-f", "lavfi", "-i", TEST_PICTURE, "-f", "lavfi", "-i", TEST_SOUND));
	}

	/**
	 * A publish whose picture starts {@code videoLateSeconds} after its sound, as from an encoder whose camera
	 * warms up after the microphone (or a camera publish whose first keyframe comes late).
	 */
	public Process publishWithVideoLate(String key, int seconds, int videoLateSeconds) throws IOException {
		return encode(key, seconds, 25, List.of("-re", "-itsoffset", String.valueOf(videoLateSeconds), "-f", "lavfi", "-i",
				TEST_PICTURE, "-re", "-f", "lavfi", "-i", TEST_SOUND));
	}

	private static final String TEST_PICTURE = "testsrc=size=320x240:rate=25";
	private static final String TEST_SOUND = "sine=frequency=440";

	/** ffmpeg encoding the inputs (a picture, then a sound) as an encoder would, publishing to the key. */
	private Process encode(String key, int seconds, int keyframeEvery, List<String> inputs) throws IOException {
		List<String> command = new ArrayList<>(List.of(FFMPEG.toString(), "-hide_banner", "-loglevel", "error"));
		command.addAll(inputs);
		command.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g",
				String.valueOf(keyframeEvery), "-keyint_min", String.valueOf(keyframeEvery), "-sc_threshold", "0", "-pix_fmt",
				"yuv420p", "-c:a", "aac", "-t", String.valueOf(seconds), "-f", "flv", ingestUrl() + "/" + key));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
	}

	private void awaitListening() {
		long deadline = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("nginx-rtmp exited at start; see " + prefix.resolve("logs"));
			}
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", rtmpPort)) {
				return;
			}
			catch (IOException notYet) {
				sleep(100);
			}
		}
		throw new IllegalStateException("nginx-rtmp did not listen within 10 s");
	}

	@Override
	public void close() {
		ChildProcesses.stopWithDescendants(process, Duration.ofSeconds(10));
		try (Stream<Path> files = Files.walk(prefix)) {
			for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException leftBehind) {
			// a temporary directory; the next test run does not depend on it
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException failed) {
			throw new UncheckedIOException(failed);
		}
	}
}
