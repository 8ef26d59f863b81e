package io.livepulse.presence;

/** One viewer's heartbeats on this node since the last exchange (PresenceExchange): where from, first and last. */
record NotedBeat(String address, long firstMillis, long lastMillis) {

	NotedBeat and(NotedBeat later) {
		return new NotedBeat(address, Math.min(firstMillis, later.firstMillis), Math.max(lastMillis, later.lastMillis));
	}
}
