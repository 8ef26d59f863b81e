package io.livepulse.cluster;

/** How many Lua scripts Redis has run so far (the commands inside them are counted apart, under their own names). */
final class LuaCalls {

	private LuaCalls() {
	}

	static long soFar(ClusterRedis redis) {
		return redis.commands().info("commandstats").lines()
			.filter(line -> line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:"))
			.mapToLong(line -> Long.parseLong(line.replaceFirst("^[^:]+:calls=(\\d+),.*$", "$1").trim())).sum();
	}
}
