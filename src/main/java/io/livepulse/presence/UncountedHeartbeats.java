package io.livepulse.presence;

import java.util.List;
import java.util.Map;

/**
 * Heartbeats that were answered but not counted as viewers since start-up, for admins:
 * "uncounted heartbeats: 12,345 from 3 addresses".
 *
 * @param total every uncounted heartbeat
 * @param addresses distinct client addresses (IPv6 by /64) they came from: exact up to 10,000; past that an
 *        upper bound (an address forgotten to make room and seen again counts again)
 * @param byReason the same total split by why it was not counted
 * @param topAddresses the addresses with the most, most first
 */
record UncountedHeartbeats(long total, long addresses, Map<Reason, Long> byReason,
		List<AddressCount> topAddresses) {

	public enum Reason {
		/** The device cookie was not issued by this service (made up, altered, or from before a key change). */
		FORGED_DEVICE_ID,
		/** The client asked for more new device ids than one address may get per minute. */
		NEW_DEVICE_RATE_LIMITED,
		/** The stream already counts the most viewers one address may have. */
		ADDRESS_VIEWER_CAP,
		/** The stream has video and the viewer's player has not fetched it lately (a page without a player). */
		NOT_FETCHING_VIDEO,
		/** A signed-in caller who is not in the audience: a shop backend's COMMERCE token is a service, not a person. */
		NOT_AN_AUDIENCE_ROLE
	}

	public record AddressCount(String address, long heartbeats) {
	}
}
