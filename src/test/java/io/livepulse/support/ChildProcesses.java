package io.livepulse.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real parts a test class starts (nginx-rtmp, Janus) and the processes they start themselves (nginx's workers,
 * the WebRTC feed's ffmpeg): stopped as a whole, and a port a class starts one on is free before it does. On a fixed
 * port per test JVM, a worker left running by the class before would otherwise answer in place of the new server.
 */
final class ChildProcesses {

	private ChildProcesses() {
	}

	/** Asks the process and everything it started to stop, then kills what is left after the grace. */
	static void stopWithDescendants(Process process, Duration grace) {
		List<ProcessHandle> started = process.descendants().toList();
		process.destroy();
		started.forEach(ProcessHandle::destroy);
		try {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
			}
			long deadline = System.nanoTime() + grace.toNanos();
			for (ProcessHandle child : started) {
				while (child.isAlive() && System.nanoTime() < deadline) {
					Thread.sleep(50);
				}
				child.destroyForcibly();
			}
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
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
