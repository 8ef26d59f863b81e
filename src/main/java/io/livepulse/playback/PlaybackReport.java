package io.livepulse.playback;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An admin's view of who a stream's viewers are (issue 26): present (heartbeating) against verified (fetching the
 * video) over time, the addresses and networks with the most devices, tokens used from more than one address,
 * devices that heartbeat but never fetched, user agents, and the delivery log lines that proved nothing.
 */
record PlaybackReport(long streamId, boolean verifying, int present, int verified, int webRtc,
		List<Sample> history, Map<PlaybackEvidence.Refusal, Long> refusedLines, List<Count> refusedLinesByAddress,
		List<Count> devicesByAddress, List<Count> devicesByNetwork, List<Device> tokensFromSeveralAddresses,
		List<Device> heartbeatOnly, List<Count> userAgents) {

	record Sample(Instant at, int present, int verified) {
	}

	record Count(String key, long count) {
	}

	/** One viewer key's trace: where it heartbeat from, where its token fetched from, and when. */
	record Device(String viewerKey, String heartbeatAddress, List<String> fetchedFrom, Instant lastHeartbeat,
			Instant lastPlaylist, Instant lastNewSegment, boolean watching, boolean webRtc, String userAgent) {
	}
}
