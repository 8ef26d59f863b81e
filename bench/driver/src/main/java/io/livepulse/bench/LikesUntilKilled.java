package io.livepulse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Likes from many signed-in users, closed-loop on keep-alive connections, for a fixed time, in a
 * process that outlives the service: the attack suite {@code kill -9}s the service in the middle.
 * Every acknowledged like (a 200 with the stream's total) is counted here, and the counts are
 * written to {@code --ack-file} five times a second and at the end, so what the client was told
 * survives the service's death. After a restart on the same database the stored likes must be at
 * least the acknowledged ones, and at least the highest total any acknowledgement carried.
 */
final class LikesUntilKilled {

	private LikesUntilKilled() {
	}

	static void run(Options options) throws Exception {
		URI base = URI.create(options.loopback("base"));
		String stream = options.get("stream");
		String secret = options.get("secret");
		int users = Math.clamp(options.integer("users", 500), 1, 10_000);
		int connections = Math.clamp(options.integer("connections", 32), 1, 512);
		int seconds = Math.clamp(options.integer("seconds", 10), 1, 120);
		Path ackFile = Path.of(options.get("ack-file"));
		List<String> headers = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			headers.add("Authorization: Bearer " + Jwt.mint(secret, "killer-" + i, "VIEWER", null, 3600) + "\r\n");
		}
		String path = "/api/streams/" + stream + "/likes";
		AtomicLong acknowledged = new AtomicLong();
		AtomicLong maxTotal = new AtomicLong();
		AtomicLong limited = new AtomicLong();
		AtomicLong otherStatus = new AtomicLong();
		AtomicLong unanswered = new AtomicLong();
		AtomicLong connectFailures = new AtomicLong();
		AtomicLong firstFailureMs = new AtomicLong(-1);
		AtomicLong next = new AtomicLong();
		long start = System.nanoTime();
		long end = start + seconds * 1_000_000_000L;

		Runnable write = () -> {
			String text = "acknowledged=" + acknowledged.get() + "\nmaxAckedTotal=" + maxTotal.get() + "\nrateLimited="
					+ limited.get() + "\notherStatus=" + otherStatus.get() + "\nsentUnanswered=" + unanswered.get()
					+ "\nconnectFailures=" + connectFailures.get() + "\nfirstFailureAtMs=" + firstFailureMs.get()
					+ "\nelapsedMs=" + (System.nanoTime() - start) / 1_000_000 + "\n";
			try {
				Path tmp = ackFile.resolveSibling(ackFile.getFileName() + ".tmp");
				Files.writeString(tmp, text);
				Files.move(tmp, ackFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException ignored) {
				// the next write tries again
			}
		};
		Thread writer = Thread.ofPlatform().daemon().start(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				write.run();
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException stop) {
					return;
				}
			}
		});

		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < connections; c++) {
				pool.submit(() -> {
					Socket socket = null;
					InputStream in = null;
					while (System.nanoTime() < end) {
						if (socket == null) {
							try {
								socket = Wire.connect(base, null, 5000);
								in = Wire.input(socket);
							}
							catch (IOException down) {
								connectFailures.incrementAndGet();
								firstFailureMs.compareAndSet(-1, (System.nanoTime() - start) / 1_000_000);
								socket = null;
								sleep(50);
								continue;
							}
						}
						boolean sent = false;
						try {
							Wire.send(socket, base, "POST", path, headers.get((int) (next.getAndIncrement() % users)));
							sent = true;
							Wire.Response response = Wire.read(in);
							if (response.status() == 200) {
								long total = Wire.number(response.body(), "likes");
								acknowledged.incrementAndGet();
								maxTotal.accumulateAndGet(total, Math::max);
							}
							else if (response.status() == 429) {
								limited.incrementAndGet();
							}
							else {
								otherStatus.incrementAndGet();
							}
							if ("close".equalsIgnoreCase(response.header("connection"))) {
								socket.close();
								socket = null;
							}
						}
						catch (IOException broken) {
							if (sent) {
								unanswered.incrementAndGet(); // may or may not have been stored; never acknowledged
							}
							firstFailureMs.compareAndSet(-1, (System.nanoTime() - start) / 1_000_000);
							try {
								socket.close();
							}
							catch (IOException ignored) {
								// gone
							}
							socket = null;
						}
					}
					if (socket != null) {
						socket.close();
					}
					return null;
				});
			}
		}
		writer.interrupt();
		writer.join(1000);
		write.run();
		System.out.println(Files.readString(ackFile));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException stop) {
			Thread.currentThread().interrupt();
		}
	}
}
