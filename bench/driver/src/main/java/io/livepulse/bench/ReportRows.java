package io.livepulse.bench;

import java.util.Properties;

/**
 * Sections of BENCHMARKS.md's summary that only some runs have: the flash-sale rush (row 4e), several nodes (row
 * 5) and live video (row 6).
 */
final class ReportRows {

	/** One row of the summary table. */
	interface Row {

		void add(String id, String target, String measured, String ratio, boolean met);
	}

	private ReportRows() {
	}

	/** Issue 22's rows: cluster mode against single-node mode side by side, and the three-node audience. */
	static void severalNodes(Properties cluster, Row row) {
		for (String request : new String[] { "get", "heartbeat", "likes" }) {
			String single = cluster.getProperty("single." + request + ".cpuMsPerRequest.total");
			String two = cluster.getProperty("cluster." + request + ".cpuMsPerRequest.total");
			if (single == null || two == null) {
				continue;
			}
			double ratio = Double.parseDouble(two) / Double.parseDouble(single);
			String control = cluster.getProperty("control." + request + ".cpuMsPerRequest.total");
			String controlNote = control == null ? ""
					: "; control, two nodes in single-node mode (what two JVMs at half the load each cost without sharing): "
							+ control + " ms, " + Report.fmt(Double.parseDouble(control) / Double.parseDouble(single)) + "x";
			row.add("5-" + request, "several nodes: CPU per " + request + " of the whole system (nodes, nginx, PostgreSQL, "
					+ "Redis), two nodes in cluster mode <= 1.3 x one node in single-node mode", two + " vs " + single
							+ " ms" + controlNote, Report.fmt(ratio) + "x", ratio <= 1.3);
			String throughputKey = request.equals("likes") ? ".likes.perSecond" : "." + request + ".rps";
			double twoRate = Double.parseDouble(cluster.getProperty("cluster" + throughputKey));
			double oneRate = Double.parseDouble(cluster.getProperty("single" + throughputKey));
			row.add("5-" + request + "-throughput", "several nodes: " + request + " throughput, two nodes >= 0.8 x one node "
					+ "(both on the same 2 shared cores)", Report.fmt(twoRate) + " vs " + Report.fmt(oneRate) + "/s",
					Report.ratio(twoRate, oneRate), twoRate >= 0.8 * oneRate);
		}
		if (cluster.getProperty("three.audience.withinOneThousandth") != null) {
			row.add("5-audience", "several nodes: " + cluster.getProperty("three.audience.viewers") + " signed-in viewers "
					+ "heartbeating over three nodes at 10,000/s for 60 s, the viewer count on every node within 0.1%",
					"counts " + cluster.getProperty("three.audience.viewersOnEachNode") + "; "
							+ cluster.getProperty("three.audience.heartbeats") + " heartbeats answered, "
							+ cluster.getProperty("three.audience.heartbeatsPerSecond") + "/s, p99 "
							+ cluster.getProperty("three.audience.p99Ms") + " ms, "
							+ cluster.getProperty("three.audience.cpuMsPerRequest.total") + " ms CPU per heartbeat",
					"-", "true".equals(cluster.getProperty("three.audience.withinOneThousandth"))
							&& Report.number(cluster, "three.audience.heartbeatsPerSecond") >= 9_500);
		}
		if (cluster.getProperty("three.delivery.otherNodes.p99Ms") != null) {
			double other = Double.parseDouble(cluster.getProperty("three.delivery.otherNodes.p99Ms"));
			double same = Double.parseDouble(cluster.getProperty("three.delivery.sameNode.p99Ms"));
			row.add("5-delivery", "several nodes: " + cluster.getProperty("three.delivery.subscribers") + " event-port "
					+ "subscribers spread over three nodes; a like taken on one node reaches the subscribers of the others "
					+ "with p99 <= 250 ms", "other nodes: p99 " + Report.fmt(other) + " ms (p50 "
							+ cluster.getProperty("three.delivery.otherNodes.p50Ms") + " ms); the node that took it: p99 "
							+ Report.fmt(same) + " ms, so sharing adds " + Report.fmt(other - same) + " ms; each node sends one engagement "
							+ "event per second per stream (SPEC section 5), which bounds both; "
							+ cluster.getProperty("three.delivery.connected") + " connected, "
							+ cluster.getProperty("three.delivery.acknowledged") + " likes, one every "
							+ cluster.getProperty("three.delivery.paceMs") + " ms",
					"-", other <= 250);
		}
	}

	/** Row 6 (bench/run.sh video): what a viewer of the viewer page sees of the live video, HLS through nginx-rtmp. */
	static void video(Properties h2, Row row) {
		if (h2.getProperty("video.g2gP50Ms") == null) {
			return;
		}
		double p50 = Report.number(h2, "video.g2gP50Ms");
		row.add("6a", "live video glass-to-glass p50 <= 2.5 s over HLS with 1-s keyframes (viewer page in Chromium)", "p50 " + h2.getProperty("video.g2gP50Ms") + " ms, p99 "
						+ h2.getProperty("video.g2gP99Ms") + " ms over " + h2.getProperty("video.frames")
						+ " frames read off the picture; first frame " + h2.getProperty("video.firstFrameAfterEncoderStartMs")
						+ " ms after the encoder started, " + h2.getProperty("video.lateJoinerFirstFrameMs")
						+ " ms after a late joiner opened the page (a frame's capture time: when the service took the publish "
						+ "hook, plus the frame's time in the stream)", "-", p50 <= 2500);
		double gap = Report.number(h2, "video.lateJoinerGapMs");
		row.add("6b", "a viewer who joins late is within 0.5 s of one who was there from the start, after 10 s",
				gap + " ms apart (late joiner p50 " + h2.getProperty("video.lateJoinerP50Ms") + " ms)", "-", gap <= 500);
		double offset = Report.number(h2, "video.pinFrameOffsetMs");
		row.add("6c", "a pin's Buy card shown within 250 ms of the frame of its moment (HLS)",
				"card shown " + h2.getProperty("video.pinShownAfterMs") + " ms after the pin, with a frame captured "
						+ offset + " ms from the pin on screen (negative: a frame from before the pin; the page waits for "
						+ "the frame of the pin's moment by the media server's clock, ADR 0018)", "-", Math.abs(offset) <= 250);
		webRtc(h2, row);
	}

	/** Row 6 over WebRTC (Janus): the same probe with the page playing WebRTC. */
	private static void webRtc(Properties h2, Row row) {
		if (h2.getProperty("video.webrtc.g2gP50Ms") == null) {
			return;
		}
		double p50 = Report.number(h2, "video.webrtc.g2gP50Ms");
		double p99 = Report.number(h2, "video.webrtc.g2gP99Ms");
		row.add("6d", "live video glass-to-glass over WebRTC (Janus) p50 <= 500 ms, p99 <= 1 s", "p50 " + Report.fmt(p50)
				+ " ms, p99 " + Report.fmt(p99) + " ms over " + h2.getProperty("video.webrtc.frames") + " frames", "-",
				p50 <= 500 && p99 <= 1000);
		double firstFrame = Report.number(h2, "video.webrtc.lateJoinerFirstFrameMs");
		row.add("6e", "time to first frame over WebRTC <= 1.5 s (a viewer opening the page of a running stream)",
				firstFrame + " ms from opening the page (a viewer there before go-live: "
						+ h2.getProperty("video.webrtc.firstFrameAfterEncoderStartMs") + " ms after the encoder started)", "-",
				firstFrame <= 1500);
		double offset = Report.number(h2, "video.webrtc.pinFrameOffsetMs");
		row.add("6f", "a pin's Buy card shown within 250 ms of the frame of its moment (WebRTC)", "card shown "
				+ h2.getProperty("video.webrtc.pinShownAfterMs") + " ms after the pin, with a frame captured " + offset
				+ " ms from the pin on screen (the page's delay measured from the receiver's statistics, ADR 0019)", "-",
				Math.abs(offset) <= 250);
	}

	/** Row 6g (bench/run.sh players): simulated HLS players of a live stream, counted only while they fetch it. */
	static void players(Properties h2, Row row) {
		if (h2.getProperty("players.countedViewers") == null) {
			return;
		}
		row.add("6g", "verified viewers: " + h2.getProperty("players.players") + " simulated players fetching a live stream's "
				+ "real segments through nginx-rtmp counted exactly, every one by the video it fetched",
				h2.getProperty("players.countedViewers") + " counted (" + h2.getProperty("players.addresses") + " addresses, a "
						+ "playlist and its newest segment every " + h2.getProperty("players.fetchEverySeconds") + " s, "
						+ h2.getProperty("players.fetches") + " fetches, " + h2.getProperty("players.failures") + " failed); "
						+ h2.getProperty("players.logLines") + " delivery log lines read, service CPU "
						+ h2.getProperty("players.cpuMicrosPerLine") + " us per line (heartbeats included)",
				"-", "true".equals(h2.getProperty("players.exact")));
	}

	/** Row 4e (bench/run.sh sale): a flash-sale rush. */
	static void flashSale(Properties h2, Row row) {
		if (h2.getProperty("sale.claimP99Ms") == null) {
			return;
		}
		double claimP99 = Report.number(h2, "sale.claimP99Ms");
		double soldOutP99 = Report.number(h2, "sale.soldOutP99Ms");
		boolean exact = Report.number(h2, "sale.oversold") == 0
				&& Report.number(h2, "sale.granted") == Report.number(h2, "sale.stock")
				&& (h2.getProperty("sale.first.oversold") == null || Report.number(h2, "sale.first.oversold") == 0);
		row.add("4e", "flash sale: " + h2.getProperty("sale.claimers") + " claimers on " + h2.getProperty("sale.stock")
				+ " units: none oversold, claim answer p99 <= 100 ms, sold-out state to " + h2.getProperty("sale.subscribers")
				+ " subscribers p99 <= 250 ms", h2.getProperty("sale.granted") + " granted, " + h2.getProperty("sale.oversold")
						+ " oversold, " + h2.getProperty("sale.refused409") + " told sold out, " + h2.getProperty("sale.otherAnswers")
						+ " other answers; claims p99 " + Report.fmt(claimP99) + " ms (p50 " + h2.getProperty("sale.claimP50Ms")
						+ " ms, " + h2.getProperty("sale.claimsPerSecond") + " claims/s, " + h2.getProperty("sale.concurrency")
						+ " at a time); sold out to " + h2.getProperty("sale.soldOutDelivered") + "/"
						+ h2.getProperty("sale.subscribersConnected") + " subscribers, p99 " + Report.fmt(soldOutP99) + " ms after the "
						+ "answer to the claim that took the last unit" + (soldOutP99 == 0 ? " (0: every subscriber had it before that answer)" : "")
						+ (h2.getProperty("sale.first.claimP99Ms") == null ? "" : "; the sale before it, the service's first "
								+ "(its claim path not yet compiled): " + h2.getProperty("sale.first.granted") + " granted, "
								+ h2.getProperty("sale.first.oversold") + " oversold, claims p99 "
								+ Report.fmt(Report.number(h2, "sale.first.claimP99Ms")) + " ms ("
								+ h2.getProperty("sale.first.claimsPerSecond") + " claims/s), sold out p99 "
								+ Report.fmt(Report.number(h2, "sale.first.soldOutP99Ms")) + " ms"),
				"-", exact && claimP99 <= 100 && soldOutP99 <= 250);
	}

	/** Row 4f (bench/run.sh auction): a bidding war on one node, and the same on two nodes in the cluster pass. */
	static void auction(Properties results, String prefix, String label, Row row) {
		if (results.getProperty(prefix + "bidP99Ms") == null) {
			return;
		}
		double toEveryoneP99 = Report.number(results, prefix + "toEveryoneP99Ms");
		boolean exact = Report.number(results, prefix + "acknowledgedLost") == 0
				&& Report.number(results, prefix + "historyInOrder") == Report.number(results, prefix + "historyBids")
				&& Report.number(results, prefix + "historyBids") == Report.number(results, prefix + "bidsAccepted")
				&& Report.number(results, prefix + "distinctOutcomesAcrossNodes") == 1
				&& "SOLD".equals(results.getProperty(prefix + "status"));
		row.add(label, "auction: " + results.getProperty(prefix + "bidders") + " bidders for " + results.getProperty(prefix + "seconds")
				+ " s on " + results.getProperty(prefix + "nodes") + " node(s): every accepted bid durable and in order, one winner, "
				+ "bid-to-everyone p99 <= 250 ms (" + results.getProperty(prefix + "subscribers") + " subscribers)",
				results.getProperty(prefix + "bidsAccepted") + " accepted of " + results.getProperty(prefix + "bidsSent") + " ("
						+ results.getProperty(prefix + "acceptedPerSecond") + "/s; the rest too low), " + results.getProperty(prefix + "historyBids")
						+ " in the history, " + results.getProperty(prefix + "historyInOrder") + " in order, "
						+ results.getProperty(prefix + "acknowledgedLost") + " acknowledged missing; " + results.getProperty(prefix + "outcome")
						+ " on every node (" + results.getProperty(prefix + "extensions") + " extensions); bid answer p99 "
						+ results.getProperty(prefix + "bidP99Ms") + " ms; to everyone p50 " + results.getProperty(prefix + "toEveryoneP50Ms")
						+ " ms, p99 " + Report.fmt(toEveryoneP99) + " ms (" + results.getProperty(prefix + "deliveriesMeasured")
						+ " deliveries measured, " + results.getProperty(prefix + "deliveriesNeverTold") + " never told; "
						+ results.getProperty(prefix + "subscribersToldFinalPrice") + "/" + results.getProperty(prefix + "subscribersConnected")
						+ " subscribers saw the final price)",
				"-", exact && toEveryoneP99 <= 250);
	}

	/** Row 4g (bench/run.sh webhooks): every order's webhook delivered, commit to arrival, likes beside it. */
	static void webhooks(Properties h2, Row row) {
		if (h2.getProperty("webhooks.commitToArrivalP99Ms") == null) {
			return;
		}
		double p99 = Report.number(h2, "webhooks.commitToArrivalP99Ms");
		double alone = Report.number(h2, "webhooks.without.likes.perSecond");
		double beside = Report.number(h2, "webhooks.with.likes.perSecond");
		double ratio = alone > 0 ? beside / alone : 0;
		boolean exact = Report.number(h2, "webhooks.missing") == 0 && Report.number(h2, "webhooks.badSignatures") == 0;
		row.add("4g", "webhooks: " + h2.getProperty("webhooks.endpoints") + " endpoints, " + h2.getProperty("webhooks.rate")
				+ " events/s for " + h2.getProperty("webhooks.seconds") + " s: every event delivered, p99 commit-to-arrival <= 1 s, "
				+ "likes beside it within 10% of the same orders without webhooks",
				h2.getProperty("webhooks.delivered") + " of " + h2.getProperty("webhooks.ordersAcknowledged") + " delivered ("
						+ h2.getProperty("webhooks.idsReceivedTwice") + " ids twice, " + h2.getProperty("webhooks.badSignatures")
						+ " bad signatures); commit to arrival p50 " + h2.getProperty("webhooks.commitToArrivalP50Ms") + " ms, p99 "
						+ Report.fmt(p99) + " ms; likes " + Math.round(beside) + "/s beside it vs " + Math.round(alone) + "/s beside the same orders without endpoints ("
						+ String.format(java.util.Locale.ROOT, "%.2f", ratio) + "x)",
				"-", exact && p99 <= 1000 && ratio >= 0.9);
	}
}
