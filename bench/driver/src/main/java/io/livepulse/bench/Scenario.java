package io.livepulse.bench;

/**
 * Sets a running service up for a run: settings that keep the per-user rate limit from being the
 * bottleneck (it is measured by the tests, not here), then one LIVE stream for each benchmark.
 */
final class Scenario {

	private Scenario() {
	}

	static void prepare(Options options) throws Exception {
		String base = options.loopback("base");
		String admin = Http.token(base, "bench-admin", "ADMIN", null);
		String settings = """
				{"simulatedViewersEnabled":true,"minSimulatedViewers":15,"maxSimulatedViewers":100,
				 "viewerIncreasePerMinute":5,"viewerDecreasePerMinute":3,"simulatedLikesEnabled":true,
				 "simulatedLikesPerMinute":3,"engagementMultiplier":2.0,"viewerTimeoutSeconds":30,
				 "likeRateLimitPerSecond":1000,"hideViewerCountBelow":0,"maxViewersPerAddress":100000}
				""";
		if (Http.put(base + "/api/admin/settings", admin, settings).statusCode() != 200) {
			throw new IllegalStateException("could not apply bench settings");
		}
		String seller = Http.token(base, "bench-seller", "SELLER", 1L);
		for (String purpose : new String[] { "get", "likes", "presence", "sse" }) {
			String created = Http.post(base + "/api/streams", seller, "{\"title\":\"bench " + purpose + "\"}").body();
			String id = Http.field(created, "id");
			Http.post(base + "/api/streams/" + id + "/start", seller, null);
			options.record("stream." + purpose, id);
		}
	}
}
