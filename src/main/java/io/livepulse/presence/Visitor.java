package io.livepulse.presence;

import java.util.Optional;

/**
 * Who sent a heartbeat: the viewer to count (empty when a device id was only just issued, or could
 * not be), the client address it came from, why it must not be counted, if it must not, the device id
 * issued with this answer, if one was (not counted yet, but its player may fetch the video already), and for a
 * signed-in viewer the device cookie their browser carries too (as sent, not yet verified: it matters once per
 * stream, see {@link SignInHandover}), by which they may have been counted before signing in.
 */
public record Visitor(Optional<ViewerId> viewer, String address, Optional<UncountedHeartbeats.Reason> refused,
		Optional<ViewerId> issuedNow, Optional<String> deviceCookieBeforeSignIn) {

	static Visitor counted(ViewerId viewer, String address) {
		return new Visitor(Optional.of(viewer), address, Optional.empty(), Optional.empty(), Optional.empty());
	}

	static Visitor signedIn(ViewerId user, String address, Optional<String> deviceCookie) {
		return new Visitor(Optional.of(user), address, Optional.empty(), Optional.empty(), deviceCookie);
	}

	static Visitor newDevice(String address, Optional<ViewerId> issuedNow) {
		return new Visitor(Optional.empty(), address, Optional.empty(), issuedNow, Optional.empty());
	}

	static Visitor refused(String address, UncountedHeartbeats.Reason reason) {
		return new Visitor(Optional.empty(), address, Optional.of(reason), Optional.empty(), Optional.empty());
	}
}
