package io.livepulse.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The real parts a test class starts (nginx-rtmp, Janus) and the processes they start themselves (nginx's workers,
 * the WebRTC feed's ffmpeg): stopped as a whole, and a port a class starts one on is free before it does. On a fixed
 * port per test JVM, a worker left running by the class before would otherwise answer in place of the new server.
 */
final class ChildProcesses {

	private ChildProcesses() {
	}

	/**
	 * Asks the process and everything it started to stop, then kills what is left after the grace. The descendants are
	 * read again until none is left, so one started while the others stopped (a feed nginx-rtmp was starting) goes too.
	 */
	static void stopWithDescendants(Process process, Duration grace) {
		Set<ProcessHandle> started = new LinkedHashSet<>(process.descendants().toList());
		process.destroy();
		started.forEach(ProcessHandle::destroy);
		try {
			long deadline = System.nanoTime() + grace.toNanos();
			while (!process.waitFor(50, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
				process.descendants().forEach(child -> stopNewOne(started, child));
			}
			process.destroyForcibly();
			deadline = System.nanoTime() + grace.toNanos();
			List<ProcessHandle> alive = started.stream().filter(ProcessHandle::isAlive).toList();
			while (!alive.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(50);
				// a child of a child that was starting when its parent stopped
				alive.forEach(child -> child.descendants().forEach(grandchild -> stopNewOne(started, grandchild)));
				alive = started.stream().filter(ProcessHandle::isAlive).toList();
			}
			alive.forEach(ProcessHandle::destroyForcibly);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static void stopNewOne(Set<ProcessHandle> started, ProcessHandle found) {
		if (started.add(found)) {
			found.destroy();
		}
	}

	/** Waits until nothing listens on these loopback TCP ports; fails, naming the port, when something still does. */
	static void awaitFree(Duration within, int... ports) {
		long deadline = System.nanoTime() + within.toNanos();
		for (int port : ports) {
			while (listening(port)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("127.0.0.1:" + port + " is still taken (a server of the class before?)");
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException nothing) {
			return false;
		}
	}
}
