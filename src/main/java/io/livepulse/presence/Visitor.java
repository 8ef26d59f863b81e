package io.livepulse.presence;

import java.util.Optional;

/**
 * Who sent a heartbeat: the viewer to count (empty when a device id was only just issued, or could
 * not be), the client address it came from, why it must not be counted, if it must not, and the device id
 * issued with this answer, if one was (not counted yet, but its player may fetch the video already).
 */
public record Visitor(Optional<ViewerId> viewer, String address, Optional<UncountedHeartbeats.Reason> refused,
		Optional<ViewerId> issuedNow) {

	static Visitor counted(ViewerId viewer, String address) {
		return new Visitor(Optional.of(viewer), address, Optional.empty(), Optional.empty());
	}

	static Visitor newDevice(String address, Optional<ViewerId> issuedNow) {
		return new Visitor(Optional.empty(), address, Optional.empty(), issuedNow);
	}

	static Visitor refused(String address, UncountedHeartbeats.Reason reason) {
		return new Visitor(Optional.empty(), address, Optional.of(reason), Optional.empty());
	}
}
