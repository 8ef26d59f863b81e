package io.livepulse.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * After a {@code kill -9} and the restart: whether every write {@link WritesUntilKilled} saw acknowledged is still
 * there. Chat: in the stream's chat; orders: answered "already recorded" when sent again; claims: settled by the
 * shop; bids: in the auction's history (in order), whose auction is then decided once, to the last bid's leader at
 * its price, waiting at most 60 s for its clock.
 */
final class KilledWritesCheck {

	private static final Pattern MESSAGE_ID = Pattern.compile("\\{\"id\":(\\d+),\"streamId\":");
	private static final Pattern BID = Pattern.compile("\\{\"seq\":(\\d+),\"bidderNumber\":\\d+,\"priceMinor\":(\\d+),\"leaderNumber\":(\\d+)");

	private KilledWritesCheck() {
	}

	static void verify(Options options, String base, String stream, String kind, List<String> acknowledged)
			throws Exception {
		long lost = 0;
		if (kind.equals("chat")) {
			Set<String> stored = new HashSet<>();
			String before = "";
			for (int page = 0; page < 10_000; page++) {
				Matcher ids = MESSAGE_ID.matcher(Http.get(base + "/api/streams/" + stream + "/chat" + before, null).body());
				long oldest = Long.MAX_VALUE;
				while (ids.find()) {
					stored.add(ids.group(1));
					oldest = Math.min(oldest, Long.parseLong(ids.group(1)));
				}
				if (oldest == Long.MAX_VALUE) {
					break;
				}
				before = "?before=" + oldest;
			}
			for (String id : acknowledged) {
				lost += stored.contains(id) ? 0 : 1;
			}
			options.record("stored", stored.size());
		}
		else if (kind.equals("bids")) {
			lost = bids(options, base, acknowledged);
		}
		else if (kind.equals("claims")) {
			String token = Jwt.mint(options.get("secret"), "kill-shop", "COMMERCE", null, 3600);
			long settled = 0;
			for (String line : acknowledged) {
				String[] claim = line.split(" ");
				int status = Http.post(base + "/api/streams/" + stream + "/purchases", token, """
						{"orderId":"claim-%s","amountMinor":%d,"currency":"EUR","buyerId":"%s","productId":%s,"quantity":1,"claimId":"%s"}"""
					.formatted(claim[0], WritesUntilKilled.SALE_PRICE, claim[1], options.get("product"), claim[0])).statusCode();
				if (status == 201 || status == 200) {
					settled++;
				}
				else {
					lost++;
				}
			}
			options.record("stored", settled);
		}
		else {
			String token = Jwt.mint(options.get("secret"), "kill-shop", "COMMERCE", null, 3600);
			long again = 0;
			for (String order : acknowledged) {
				int status = Http.post(base + "/api/streams/" + stream + "/purchases", token, WritesUntilKilled.purchase(order,
						"buyer-" + order.substring(order.lastIndexOf('-') + 1), options.get("product", ""))).statusCode();
				if (status == 200) {
					again++;
				}
				else {
					lost++;
				}
			}
			options.record("stored", again);
		}
		options.record("lost", lost);
	}

	/** Acknowledged bids missing from the history; records the history's order and the auction's decision. */
	private static long bids(Options options, String base, List<String> acknowledged) throws Exception {
		String auction = options.get("auction");
		Set<String> prices = new HashSet<>();
		int inOrder = 0;
		long lastPrice = 0;
		String lastLeader = "none";
		for (int page = 0; page < 1_000; page++) {
			Matcher bids = BID.matcher(Http.get(base + "/api/auctions/" + auction + "/bids?after=" + prices.size(), null).body());
			int before = prices.size();
			while (bids.find()) {
				long price = Long.parseLong(bids.group(2));
				inOrder += Integer.parseInt(bids.group(1)) == prices.size() + 1 && price > lastPrice ? 1 : 0;
				prices.add(bids.group(2));
				lastPrice = price;
				lastLeader = bids.group(3);
			}
			if (prices.size() == before) {
				break;
			}
		}
		String view = "";
		for (int wait = 0; wait < 240; wait++) {
			view = Http.get(base + "/api/auctions/" + auction, null).body();
			if (view.contains("\"status\":\"SOLD\"") || view.contains("\"status\":\"UNSOLD\"")) {
				break;
			}
			Thread.sleep(250);
		}
		int winner = view.indexOf("\"winner\":");
		String decided = Http.field(view, "status") + " to " + (winner < 0 ? "none" : Http.field(view.substring(winner), "number"))
				+ " at " + Http.field(view, "currentPriceMinor");
		options.record("stored", prices.size());
		options.record("inOrder", inOrder);
		options.record("decision", decided);
		options.record("decisionMatchesHistory", decided.equals("SOLD to " + lastLeader + " at " + lastPrice)
				|| prices.isEmpty() && decided.startsWith("UNSOLD"));
		return acknowledged.stream().filter(price -> !prices.contains(price)).count();
	}
}
