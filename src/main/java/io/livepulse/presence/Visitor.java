package io.livepulse.presence;

import java.util.Optional;

/**
 * Who sent a heartbeat: the viewer to count (empty when a device id was only just issued, or could
 * not be), the client address it came from, and why it must not be counted, if it must not.
 */
public record Visitor(Optional<ViewerId> viewer, String address, Optional<UncountedHeartbeats.Reason> refused) {

	static Visitor counted(ViewerId viewer, String address) {
		return new Visitor(Optional.of(viewer), address, Optional.empty());
	}

	static Visitor newDevice(String address) {
		return new Visitor(Optional.empty(), address, Optional.empty());
	}

	static Visitor refused(String address, UncountedHeartbeats.Reason reason) {
		return new Visitor(Optional.empty(), address, Optional.of(reason));
	}
}
