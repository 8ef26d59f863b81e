package io.livepulse.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Like delivery across nodes (issue 22): event-port subscribers spread over every node of a cluster watch
 * one live stream; likes are sent to the first node only, one at a time at a steady pace, each by a user
 * of its own. For every like, each subscriber's delay runs from the like's acknowledgement to the arrival
 * of the first {@code engagement} event whose {@code likes} reaches that like's total. Subscribers on the
 * node that took the like and on the other nodes are reported apart: the difference is what sharing the
 * figures costs (each node also coalesces to one event per second per stream, SPEC section 5, on either
 * side).
 */
final class ClusterDelivery {

	private static final byte[] LIKES = "\"likes\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private ClusterDelivery() {
	}

	/** One subscriber: its node, and the highest like total it has seen (-1 before its first event). */
	private static final class Seen {

		final int node;
		long likes = -1;

		Seen(int node) {
			this.node = node;
		}
	}

	static void run(Options options) throws Exception {
		String api = options.loopback("api");
		String[] nodes = options.get("nodes").split(",");
		String[] eventPorts = options.get("events").split(",");
		int subscribers = Math.clamp(options.integer("subscribers", 10_000), 1, 18_000);
		int likes = Math.clamp(options.integer("likes", 120), 1, 2_000);
		long paceMillis = Math.clamp(options.integer("pace-ms", 250), 10, 5_000);
		String seller = Http.token(api, "delivery-seller", "SELLER", 11L);
		String stream = Http.field(Http.post(api + "/api/streams", seller, "{\"title\":\"bench delivery\"}").body(), "id");
		Http.post(api + "/api/streams/" + stream + "/start", seller, null);
		List<String> fans = Http.viewerTokens(api, "delivery-fan-", likes);

		AtomicLongArray ackedAt = new AtomicLongArray(likes + 2);
		long[] firstTotal = { -1 };
		Latencies sameNode = new Latencies();
		Latencies otherNodes = new Latencies();
		List<EventSubscribers<Seen>> groups = new ArrayList<>();
		try {
			for (int n = 0; n < eventPorts.length; n++) {
				int node = n;
				URI events = URI.create(eventPorts[n]);
				groups.add(EventSubscribers.start(new InetSocketAddress(events.getHost(), events.getPort()),
						"/api/streams/" + stream + "/events", "engagement", () -> new Seen(node), (seen, line, length, now) -> {
							long total = likesIn(line, length);
							if (total < 0) {
								return;
							}
							long base = firstTotal[0];
							if (seen.likes >= 0 && base >= 0) {
								for (long t = Math.max(seen.likes + 1, base + 1); t <= total && t - base < ackedAt.length(); t++) {
									long acked = ackedAt.get((int) (t - base));
									(seen.node == 0 ? sameNode : otherNodes).add(acked == 0 ? 0 : Math.max(0, now - acked) * 1000);
								}
							}
							seen.likes = Math.max(seen.likes, total);
						}));
			}
			// every subscriber has had its first event (its starting total) after 2.5 s
			long connected = EventSubscribers.openSpread(groups, subscribers, 2_500);
			firstTotal[0] = Long.parseLong(Http.field(Http.get(nodes[0] + "/api/streams/" + stream + "/engagement", null)
				.body(), "likes"));
			int acknowledged = 0;
			long next = System.nanoTime();
			for (int i = 0; i < likes; i++) {
				var answer = Http.post(nodes[0] + "/api/streams/" + stream + "/likes", fans.get(i), null);
				long at = System.currentTimeMillis();
				if (answer.statusCode() == 200) {
					long total = Long.parseLong(Http.field(answer.body(), "likes"));
					if (total - firstTotal[0] > 0 && total - firstTotal[0] < ackedAt.length()) {
						ackedAt.compareAndSet((int) (total - firstTotal[0]), 0, at);
					}
					acknowledged++;
				}
				next += TimeUnit.MILLISECONDS.toNanos(paceMillis);
				long wait = next - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
				}
			}
			Thread.sleep(3_000);
			options.record("delivery.subscribers", subscribers);
			options.record("delivery.connected", connected);
			options.record("delivery.nodes", eventPorts.length);
			options.record("delivery.likes", likes);
			options.record("delivery.acknowledged", acknowledged);
			options.record("delivery.paceMs", paceMillis);
			options.record("delivery.sameNode.deliveries", sameNode.count());
			options.record("delivery.sameNode.p50Ms", Latencies.ms(sameNode.percentileMillis(50)));
			options.record("delivery.sameNode.p99Ms", Latencies.ms(sameNode.percentileMillis(99)));
			options.record("delivery.otherNodes.deliveries", otherNodes.count());
			options.record("delivery.otherNodes.p50Ms", Latencies.ms(otherNodes.percentileMillis(50)));
			options.record("delivery.otherNodes.p99Ms", Latencies.ms(otherNodes.percentileMillis(99)));
			options.record("delivery.otherNodes.maxMs", Latencies.ms(otherNodes.percentileMillis(100)));
		}
		finally {
			for (EventSubscribers<Seen> group : groups) {
				group.close();
			}
		}
	}

	/** The number after {@code "likes":} in the line, or -1. */
	private static long likesIn(byte[] line, int length) {
		outer:
		for (int i = 0; i + LIKES.length <= length; i++) {
			for (int k = 0; k < LIKES.length; k++) {
				if (line[i + k] != LIKES[k]) {
					continue outer;
				}
			}
			long value = 0;
			int j = i + LIKES.length;
			if (j >= length || line[j] < '0' || line[j] > '9') {
				return -1;
			}
			while (j < length && line[j] >= '0' && line[j] <= '9') {
				value = value * 10 + (line[j++] - '0');
			}
			return value;
		}
		return -1;
	}
}
