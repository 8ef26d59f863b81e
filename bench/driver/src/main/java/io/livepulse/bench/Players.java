package io.livepulse.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N simulated HLS players of a live stream whose video the media server serves (bench row 6b): each heartbeats
 * like the viewer page (an issued device id, then every 10 s), keeps the playback token the heartbeat hands out,
 * and every few seconds fetches the playlist and its newest segment whole with it, as a player does. Players
 * come from loopback addresses 127.9.x.y, {@code per-address} each (under the service's per-address cap), so
 * every token is used from the network it was made for. At the end the service's public viewer count is read while
 * every player still runs: with verified viewers it must be exactly N.
 */
final class Players {

	private Players() {
	}

	static void run(Options options) throws Exception {
		String base = options.loopback("base");
		String playlist = options.loopback("playlist");
		String stream = options.get("stream");
		int players = options.integer("players", 5_000);
		int perAddress = options.integer("per-address", 20);
		int seconds = Math.min(options.integer("seconds", 60), 300);
		int fetchEvery = options.integer("fetch-every-seconds", 3);
		int addresses = (players + perAddress - 1) / perAddress;
		List<HttpClient> clients = new ArrayList<>();
		for (int a = 0; a < addresses; a++) {
			clients.add(HttpClient.newBuilder().localAddress(InetAddress.getByName("127.9." + (a / 250) + "." + (a % 250 + 1)))
				.connectTimeout(Duration.ofSeconds(5)).build());
		}
		AtomicLong heartbeats = new AtomicLong(), fetches = new AtomicLong(), segmentBytes = new AtomicLong(),
				failures = new AtomicLong();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < players; p++) {
			HttpClient client = clients.get(p / perAddress);
			threads.add(Thread.ofVirtual().start(() -> play(client, base, stream, playlist, fetchEvery, end, heartbeats,
					fetches, segmentBytes, failures)));
		}
		Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000 - 3_000));
		int counted = viewers(base, stream);
		for (Thread thread : threads) {
			thread.join();
		}
		options.record("players.players", players);
		options.record("players.addresses", addresses);
		options.record("players.seconds", seconds);
		options.record("players.fetchEverySeconds", fetchEvery);
		options.record("players.countedViewers", counted);
		options.record("players.exact", counted == players);
		options.record("players.heartbeats", heartbeats.get());
		options.record("players.fetches", fetches.get());
		options.record("players.segmentMegabytes", segmentBytes.get() / 1_000_000);
		options.record("players.failures", failures.get());
	}

	private static void play(HttpClient client, String base, String stream, String playlist, int fetchEvery, long end,
			AtomicLong heartbeats, AtomicLong fetches, AtomicLong segmentBytes, AtomicLong failures) {
		String[] device = { null };
		String[] token = { null };
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(fetchEvery * 1_000L));
			long nextHeartbeat = System.nanoTime();
			int sent = 0;
			while (System.nanoTime() < end) {
				try {
					if (System.nanoTime() >= nextHeartbeat) {
						heartbeat(client, base, stream, device, token, heartbeats);
						sent++;
						// the second heartbeat a second after the first, as the page sends it; then every 10 s
						nextHeartbeat = System.nanoTime() + (sent == 1 ? 1 : 10) * 1_000_000_000L;
					}
					fetchOnce(client, playlist, token[0], fetches, segmentBytes);
				}
				catch (java.io.IOException missed) {
					failures.incrementAndGet(); // the next round tries again, as a player does
				}
				Thread.sleep(Math.min(fetchEvery * 1_000L, Math.max(0, (nextHeartbeat - System.nanoTime()) / 1_000_000)));
			}
		}
		catch (InterruptedException stopped) {
			Thread.currentThread().interrupt();
		}
	}

	private static void fetchOnce(HttpClient client, String playlist, String token, AtomicLong fetches,
			AtomicLong segmentBytes) throws java.io.IOException, InterruptedException {
		if (token == null) {
			return;
		}
		String list = client.send(get(playlist + "?lpt=" + token), HttpResponse.BodyHandlers.ofString()).body();
		String newest = list.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).reduce((a, b) -> b).orElse(null);
		fetches.incrementAndGet();
		if (newest != null) {
			byte[] segment = client.send(get(URI.create(playlist).resolve(newest) + "?lpt=" + token),
					HttpResponse.BodyHandlers.ofByteArray()).body();
			segmentBytes.addAndGet(segment.length);
			fetches.incrementAndGet();
		}
	}

	private static void heartbeat(HttpClient client, String base, String stream, String[] device, String[] token,
			AtomicLong heartbeats) throws java.io.IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/streams/" + stream + "/heartbeat"))
			.timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody());
		if (device[0] != null) {
			request.header("Cookie", device[0]);
		}
		HttpResponse<Void> answer = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
		heartbeats.incrementAndGet();
		answer.headers().firstValue("Set-Cookie").filter(cookie -> cookie.startsWith("lp_device="))
			.ifPresent(cookie -> device[0] = cookie.split(";")[0]);
		answer.headers().firstValue("LP-Playback").ifPresent(fresh -> token[0] = fresh);
	}

	private static HttpRequest get(String url) {
		return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
	}

	private static int viewers(String base, String stream) throws Exception {
		return Integer.parseInt(Http.field(Http.get(base + "/api/streams/" + stream + "/engagement", null).body(), "viewers"));
	}
}
