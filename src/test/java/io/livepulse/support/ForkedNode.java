package io.livepulse.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.livepulse.LivePulseApplication;

/**
 * A node of the cluster in a JVM of its own, started from the test classpath with the same java (no
 * jar to build), so that it can be killed as a crash kills: {@link #kill()} is SIGKILL, no shutdown
 * hook, no last flush, no goodbye to Redis or PostgreSQL. Its output goes to {@code target/}.
 */
public final class ForkedNode implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final Process process;
	private final int port;
	private final Path log;

	private ForkedNode(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts a node with these properties ({@code key=value}, {@code server.port} chosen here), up when healthy. */
	static ForkedNode start(String name, List<String> properties) {
		int port = NginxRtmp.freePort();
		Path log = Path.of("target", "forked-" + name + ".log").toAbsolutePath();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				LivePulseApplication.class.getName()));
		properties.stream().filter(property -> !property.startsWith("server.port="))
			.forEach(property -> command.add("--" + property));
		command.add("--server.port=" + port);
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			ForkedNode node = new ForkedNode(process, port, log);
			// a test JVM that dies must not leave the node running
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
			node.awaitHealthy();
			return node;
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start a forked node", ex);
		}
	}

	public int port() {
		return port;
	}

	public ApiClient api() {
		return new ApiClient(port);
	}

	public long pid() {
		return process.pid();
	}

	/** SIGKILL, as {@code kill -9} does; returns once the process is gone. */
	public void kill() {
		process.destroyForcibly();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("node " + pid() + " survived SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			kill();
		}
	}

	private void awaitHealthy() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("forked node exited with " + process.exitValue() + "; see " + log);
			}
			try {
				if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			sleep();
		}
		close();
		throw new IllegalStateException("forked node not healthy within " + START_TIMEOUT + "; see " + log);
	}

	private static void sleep() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
