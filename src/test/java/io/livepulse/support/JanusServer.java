package io.livepulse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A real Janus (Debian's {@code janus}) run from the shipped templates {@code media/janus/*.jcfg} on free
 * loopback ports in its own directory, as a child process: what {@code bin/media} starts beside nginx-rtmp.
 * Its streaming plugin's admin key is the test hook secret, as {@code bin/media} makes it. Missing, it fails
 * the test with what to install; it never skips it.
 */
public final class JanusServer implements AutoCloseable {

	public static final Path JANUS = Path.of("/usr/bin/janus");

	private final Path directory;
	private final int httpPort;
	private final Process process;

	private JanusServer(Path directory, int httpPort, Process process) {
		this.directory = directory;
		this.httpPort = httpPort;
		this.process = process;
	}

	public static void requireTools() {
		if (!Files.isExecutable(JANUS)) {
			throw new IllegalStateException("Missing janus: run 'apt-get install -y janus' (bin/test does this as root).");
		}
	}

	/** The HTTP API's URL for a Janus on this port, as the service is configured with it. */
	public static String url(int httpPort) {
		return "http://127.0.0.1:" + httpPort + "/janus";
	}

	public static JanusServer start(int httpPort) {
		return start(httpPort, -1);
	}

	/** The same, its viewers' media statistics sent to the service on {@code servicePort} (-1: to nowhere). */
	public static JanusServer start(int httpPort, int servicePort) {
		requireTools();
		ChildProcesses.awaitFree(Duration.ofSeconds(10), httpPort);
		try {
			Path directory = Files.createTempDirectory("livepulse-janus");
			Path library = libraryFolder();
			int webRtcPorts = freeUdpRange(200);
			int feedPorts = freeUdpRange(200);
			try (Stream<Path> templates = Files.list(Path.of("media/janus"))) {
				for (Path template : templates.filter(path -> path.toString().endsWith(".jcfg")).toList()) {
					String text = Files.readString(template)
						.replace("@PREFIX@", directory.toString())
						.replace("@JANUS_LIB@", library.toString())
						.replace("@HTTP_PORT@", String.valueOf(httpPort))
						.replace("@HTTP_ADDRESS@", "127.0.0.1")
						.replace("@RTP_PORTS@", webRtcPorts + "-" + (webRtcPorts + 199))
						.replace("@MOUNTPOINT_PORTS@", feedPorts + "-" + (feedPorts + 199))
						.replace("@ICE_INTERFACES@", "lo")
						.replace("@ADMIN_KEY@", NginxRtmp.HOOK_SECRET)
						.replace("@EVENTS_URL@", "http://127.0.0.1:" + (servicePort < 0 ? 9 : servicePort)
								+ "/api/media/janus/events?secret=" + NginxRtmp.HOOK_SECRET);
					Files.writeString(directory.resolve(template.getFileName()), text);
				}
			}
			Process process = new ProcessBuilder(JANUS.toString(), "-F", directory.toString(), "-C",
					directory.resolve("janus.jcfg").toString(), "-N", "-o")
				.redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
			JanusServer janus = new JanusServer(directory, httpPort, process);
			janus.awaitAnswering();
			return janus;
		}
		catch (IOException failed) {
			throw new UncheckedIOException(failed);
		}
	}

	public String url() {
		return url(httpPort);
	}

	/** Every file of this Janus (log, configuration) whose name or content contains the text. */
	public List<Path> filesMentioning(String text) throws IOException {
		List<Path> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path path : files.filter(Files::isRegularFile).toList()) {
				if (path.toString().contains(text)
						|| new String(Files.readAllBytes(path), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
					found.add(path);
				}
			}
		}
		return found;
	}

	/** The streaming plugin's list as the holder of the admin key sees it: private mountpoints included. */
	public String privateMountpoints(String adminKey) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		var json = new tools.jackson.databind.json.JsonMapper();
		String session = url() + "/" + json.readTree(post(http, url(), "{\"janus\":\"create\",\"transaction\":\"t\"}"))
			.path("data").path("id").asLong();
		String handle = session + "/" + json.readTree(post(http, session,
				"{\"janus\":\"attach\",\"plugin\":\"janus.plugin.streaming\",\"transaction\":\"t\"}")).path("data").path("id").asLong();
		return post(http, handle, "{\"janus\":\"message\",\"transaction\":\"t\",\"body\":{\"request\":\"list\",\"admin_key\":\""
				+ adminKey + "\"}}");
	}

	private static String post(HttpClient http, String url, String body) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	/** The end of Janus's log so far (what a failing test shows). */
	public String log() {
		try {
			Path log = directory.resolve("janus.log");
			String text = Files.exists(log) ? Files.readString(log) : "(no log)";
			// what tells why a viewer did not connect, without the start-up lines
			text = text.lines().filter(line -> line.contains("ICE") || line.contains("WARN") || line.contains("ERR")
					|| line.contains("andidate") || line.contains("DTLS") || line.contains("mp-"))
				.filter(line -> !line.contains("has been disabled")).collect(java.util.stream.Collectors.joining("\n"));
			return text.substring(Math.max(0, text.length() - 4_000));
		}
		catch (IOException unreadable) {
			return "(log unreadable: " + unreadable.getMessage() + ")";
		}
	}

	private static Path libraryFolder() throws IOException {
		try (Stream<Path> libraries = Files.list(Path.of("/usr/lib"))) {
			return libraries.map(path -> path.resolve("janus")).filter(Files::isDirectory).findFirst()
				.orElseThrow(() -> new IllegalStateException("No Janus plugins under /usr/lib/*/janus: apt-get install -y janus"));
		}
	}

	/** The first port of a block of free UDP ports on loopback (checked at its ends and middle). */
	private static int freeUdpRange(int size) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int first = 30_000 + ThreadLocalRandom.current().nextInt(150) * size;
			if (udpFree(first) && udpFree(first + size / 2) && udpFree(first + size - 1)) {
				return first;
			}
		}
		throw new IllegalStateException("No free block of UDP ports found");
	}

	private static boolean udpFree(int port) {
		try (DatagramSocket socket = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException taken) {
			return false;
		}
	}

	private void awaitAnswering() {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Janus exited at start: " + log());
			}
			try {
				HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(url() + "/info")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (info.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(interrupted);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(interrupted);
			}
		}
		throw new IllegalStateException("Janus did not answer within 10 s: " + log());
	}

	@Override
	public void close() {
		ChildProcesses.stopWithDescendants(process, Duration.ofSeconds(10));
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException leftBehind) {
			// a temporary directory; the next run does not depend on it
		}
	}
}
